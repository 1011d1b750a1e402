import AdmitCore
import ArgumentParser
import Foundation

struct EntriesList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List a session's entries (never their passwords).")

    @Argument(help: "The session's id, or its exact name.") var session: String
    @OptionGroup var selection: EntrySelection
    @OptionGroup var options: StoreOptions

    func run() throws {
        let admissions = try options.admissions()
        let entries = try admissions.entries(of: try admissions.session(session), filter: try selection.filter())
        if options.json { return try Console.json(entries) }
        Console.table(
            ["#", "USERNAME", "STATE", "LOCKED UNTIL", "CANDIDATE", "GROUP", "GUID"],
            entries.map {
                [
                    String($0.number), $0.personalUsername ?? $0.username, $0.state.rawValue, $0.lockedUntil.map { Console.date($0) } ?? "-",
                    $0.candidate ?? "",
                    $0.group ?? "", $0.guid.lowercased,
                ]
            })
    }
}

/// Which entries of a session a command takes.
struct EntrySelection: ParsableArguments {
    @Option(help: "Only entries in this state.") var state: EntryState?
    @Option(help: ArgumentHelp("Only entries of this batch (its id).", valueName: "batch-id")) var batch: String?
    @Option(help: ArgumentHelp("Only entries of this group (a class or room from a roster import).", valueName: "name")) var group: String?

    func filter(entries: [UUID]? = nil) throws -> EntryFilter {
        EntryFilter(
            state: state, batchID: try batch.map { try Self.uuid($0, of: "a batch id") }, entryIDs: entries,
            group: group?.trimmingCharacters(in: .whitespaces))
    }

    static func uuid(_ text: String, of what: String) throws -> UUID {
        guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
            throw CommandError("\"\(text)\" is not \(what) (a GUID like 1c0f6e4a-…)")
        }
        return id
    }
}
