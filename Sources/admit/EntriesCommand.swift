import AdmitCore
import ArgumentParser
import Foundation

struct EntriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entries", abstract: "Add, list, export and withdraw a session's entries (candidate logins).",
        subcommands: [EntriesAdd.self, EntriesList.self, EntriesExport.self, EntriesWithdraw.self])
}

extension EntryState: ExpressibleByArgument {}
