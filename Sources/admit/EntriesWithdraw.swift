import AdmitCore
import ArgumentParser
import Foundation

struct EntriesWithdraw: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw", abstract: "Withdraw entries: their logins stop working and their passwords are destroyed.",
        discussion: "The entries stay in the session (and its report) as withdrawn. A GUID that is not in the session refuses the whole request.")

    @Argument(help: "The session's id, or its exact name.") var session: String
    @Argument(help: "The entry GUIDs to withdraw (`admit entries list` shows them).") var guids: [String]
    @OptionGroup var options: StoreOptions

    func validate() throws {
        if guids.isEmpty { throw ValidationError("Name at least one entry GUID.") }
    }

    func run() throws {
        let ids = try guids.map { try EntrySelection.uuid($0, of: "an entry GUID") }
        let admissions = try options.admissions()
        let outcome = try admissions.withdraw(session: try admissions.session(session), entries: ids)
        if options.json {
            return try Console.json(["withdrawn": outcome.withdrawn.map(\.lowercased), "already_withdrawn": outcome.alreadyWithdrawn.map(\.lowercased)])
        }
        Console.line("Withdrew \(outcome.withdrawn.count) \(outcome.withdrawn.count == 1 ? "entry" : "entries").")
        if !outcome.alreadyWithdrawn.isEmpty {
            Console.line("\(outcome.alreadyWithdrawn.count) already withdrawn: " + outcome.alreadyWithdrawn.map(\.lowercased).joined(separator: ", "))
        }
    }
}
