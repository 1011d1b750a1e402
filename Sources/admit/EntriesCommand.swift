import AdmitCore
import ArgumentParser
import Foundation

struct EntriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entries", abstract: "Add, list, export, withdraw, unlock, reset and reprint a session's entries (candidate logins).",
        subcommands: [
            EntriesAdd.self, EntriesList.self, EntriesExport.self, EntriesWithdraw.self, EntriesUnlock.self, EntriesReset.self,
            EntriesReprint.self,
        ])
}

extension EntryState: ExpressibleByArgument {}
