import AdmitCore
import ArgumentParser
import Foundation

struct EntriesWithdraw: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw", abstract: "Withdraw entries: their logins stop working and their passwords are destroyed.",
        discussion: "The entries stay in the session (and its report) as withdrawn. An entry that is not in the session refuses the whole request.")

    @OptionGroup var named: SessionEntries
    @OptionGroup var options: StoreOptions

    func run() throws {
        let admissions = try options.admissions()
        let (session, ids) = try named.resolve(with: admissions)
        let outcome = try admissions.withdraw(session: session, entries: ids)
        if options.json {
            return try Console.json([
                "withdrawn": outcome.withdrawn.map(\.lowercased), "already_withdrawn": outcome.alreadyWithdrawn.map(\.lowercased),
            ])
        }
        Console.line("Withdrew \(outcome.withdrawn.count) \(outcome.withdrawn.count == 1 ? "entry" : "entries").")
        if !outcome.alreadyWithdrawn.isEmpty {
            Console.line("\(outcome.alreadyWithdrawn.count) already withdrawn: " + outcome.alreadyWithdrawn.map(\.lowercased).joined(separator: ", "))
        }
    }
}

/// How commands take entries: the ways people name them (`Admissions.resolveEntries`).
enum EntryNames {
    static let help = "Entries, each a GUID, an entry number (12 or #12), a generic username (any case, dashes or not) or a personal username."

    /// The names of a comma-separated option (`--entries 12,K7QM-4XPA`).
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
