import AdmitCore
import ArgumentParser
import Foundation

struct EntriesUnlock: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock", abstract: "Clear entries' failed sign-ins and lock, so the right password works at once.",
        discussion: "An entry locks after 5 wrong passwords in a row. `admit report SESSION --locked` shows who is locked and until when.")

    @OptionGroup var named: SessionEntries
    @OptionGroup var options: StoreOptions

    func run() throws {
        let admissions = try options.admissions()
        let (session, ids) = try named.resolve(with: admissions)
        let outcome = try admissions.unlock(session: session, entries: ids)
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
