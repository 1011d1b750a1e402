import AdmitCore
import AdmitCrypto
import ArgumentParser
import Foundation

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Make the data key a new shared database is sealed under.",
        subcommands: [KeyGenerate.self])
}

struct KeyGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Write a new data key to a new file (mode 0600).",
        discussion:
            "Every server of one PostgreSQL database needs the same key: give each this file with --key-file or ADMIT_KEY_FILE. An existing file is never replaced."
    )

    @Option(help: ArgumentHelp("The key file to create.", valueName: "file")) var out: String

    func run() throws {
        let target = URL(fileURLWithPath: out)
        do {
            guard try DataKey.generate(into: target) else {
                throw CommandError(
                    "\(target.path) already exists; a key file is never replaced (what it seals would be lost), so choose another name")
            }
        } catch let error as CryptoError {
            throw AdmitError(.invalidInput, .cryptography(error))
        }
        Console.line(
            "Wrote a new data key to \(target.path) (mode 0600). Give it to every server of the database: --key-file \(target.path), or ADMIT_KEY_FILE."
        )
    }
}
