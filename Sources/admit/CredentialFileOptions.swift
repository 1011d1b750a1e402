import AdmitCSV
import AdmitCore
import AdmitCrypto
import AdmitXLSX
import ArgumentParser
import Foundation

/// Which credential files to write, shared by `entries add` and `entries export`.
struct CredentialFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write an Excel workbook here (mode 0600).", valueName: "file")) var xlsx: String?
    @Option(help: ArgumentHelp("Write the roster as CSV here (mode 0600).", valueName: "file")) var csv: String?
    @Option(help: ArgumentHelp("The workbook's sheets: roster (a table), slips (cut-out cards), or roster,slips.", valueName: "layout"))
    var layout = "roster"
    @Option(help: ArgumentHelp("The paper the workbook prints on: a4 or letter.", valueName: "paper")) var paper = "a4"
    @Option(help: ArgumentHelp("Where candidates sign in, printed on slips (default: the session's address).", valueName: "url"))
    var signInUrl: String?
    @Flag(help: "Replace files that already exist (without it, an existing file is refused and nothing is done).")
    var force = false
    @Flag(help: "Encrypt the workbook with a new passphrase, shown once on stderr (send it apart from the file).")
    var encrypt = false
    @Option(help: ArgumentHelp("Encrypt the workbook with the password on this file's first line.", valueName: "file"))
    var encryptPasswordFile: String?

    /// The files to write, and the passphrase made for them if any.
    struct Plan {
        var requests: [CredentialFileRequest]
        var generatedPassword: String?

        /// Shows a generated passphrase once, after the files are in place.
        func announce() {
            guard let generatedPassword else { return }
            Console.error("Workbook password (shown once; send it apart from the file): \(generatedPassword)")
        }
    }

    /// The files to write; checks every option first, so bad input writes nothing.
    func plan() throws -> Plan {
        let (password, generated) = try workbookPassword()
        if password != nil {
            guard xlsx != nil else { throw CommandError("only a workbook can be encrypted: name it with --xlsx") }
            guard csv == nil else { throw CommandError("a CSV cannot be encrypted and would travel in the clear: leave out --csv") }
        }
        return Plan(requests: try requests(password: password), generatedPassword: generated)
    }

    /// The workbook password: made here (`--encrypt`), read from a file, or none.
    private func workbookPassword() throws -> (String?, generated: String?) {
        if encrypt, encryptPasswordFile != nil {
            throw CommandError("choose one of --encrypt and --encrypt-password-file")
        }
        if encrypt {
            let passphrase = CredentialPolicy.grouped(try CredentialPolicy.code(length: 20, random: SecureRandom()))
            return (passphrase, passphrase)
        }
        guard let path = encryptPasswordFile else { return (nil, nil) }
        let password = try PasswordFile.read(path)
        guard password.count >= 10 else {
            throw CommandError("a workbook password must be at least 10 characters; the one in \(path) is shorter")
        }
        return (password, nil)
    }

    private func requests(password: String?) throws -> [CredentialFileRequest] {
        let layouts = try SheetLayout.list(from: layout)
        let paper = try Worksheet.Paper.named(paper)
        let signInURL = try signInUrl.map(TestSession.validatedSignInURL)
        var requests: [CredentialFileRequest] = []
        if let xlsx {
            requests.append(
                CredentialFileRequest(target: URL(fileURLWithPath: xlsx), replacing: force) { heading, measure, path in
                    var heading = heading
                    heading.signInURL = signInURL ?? heading.signInURL
                    if let password {
                        return try EncryptedWorkbook(
                            path: path, password: password, heading: heading, measure: measure, layouts: layouts, paper: paper)
                    }
                    return try CredentialWorkbook(path: path, heading: heading, measure: measure, layouts: layouts, paper: paper)
                })
        }
        if let csv {
            requests.append(CredentialFileRequest(target: URL(fileURLWithPath: csv), replacing: force) { _, _, path in try RosterCSV(path: path) })
        }
        return requests
    }
}
