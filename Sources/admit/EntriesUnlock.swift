import AdmitCore
import ArgumentParser
import Foundation

struct EntriesUnlock: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock", abstract: "Clear entries' failed sign-ins and lock, so the right password works at once.",
        discussion: "An entry locks after 5 wrong passwords in a row. `admit report SESSION --locked` shows who is locked and until when.")

    @Argument(help: "The session's id, or its exact name.") var session: String
    @Argument(help: ArgumentHelp(EntryNames.help, valueName: "entry")) var entries: [String]
    @OptionGroup var options: StoreOptions

    func validate() throws {
        if entries.isEmpty { throw ValidationError("Name at least one entry.") }
    }

    func run() throws {
        let admissions = try options.admissions()
        let session = try admissions.session(session)
        let outcome = try admissions.unlock(session: session, entries: try admissions.resolveEntries(entries, in: session).map(\.id))
        if options.json {
            return try Console.json(["unlocked": outcome.unlocked.map(\.id.lowercased), "not_locked": outcome.notLocked.map(\.id.lowercased)])
        }
        if !outcome.unlocked.isEmpty {
            Console.line(
                "Unlocked \(outcome.unlocked.map { "#\($0.number) (\($0.loginUsername))" }.joined(separator: ", ")); the right password works again now."
            )
        }
        if !outcome.notLocked.isEmpty {
            Console.line("Not locked: \(outcome.notLocked.map { "#\($0.number)" }.joined(separator: ", ")).")
        }
    }
}
