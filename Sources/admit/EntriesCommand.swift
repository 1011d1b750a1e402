import AdmitCore
import AdmitXLSX
import ArgumentParser
import Foundation

struct EntriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entries", abstract: "Add, list, export and withdraw a session's entries (candidate logins).",
        subcommands: [EntriesAdd.self, EntriesList.self, EntriesExport.self, EntriesWithdraw.self])
}

extension EntryState: ExpressibleByArgument {}

/// Which credential files to write, shared by `entries add` and `entries export`.
struct CredentialFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Write the roster as an Excel workbook here (mode 0600).", valueName: "file")) var xlsx: String?
    @Option(help: ArgumentHelp("Write the roster as CSV here (mode 0600).", valueName: "file")) var csv: String?

    var requests: [CredentialFileRequest] {
        var requests: [CredentialFileRequest] = []
        if let xlsx {
            requests.append(CredentialFileRequest(target: URL(fileURLWithPath: xlsx)) { heading, path in
                try RosterSheet(path: path, heading: heading)
            })
        }
        if let csv {
            requests.append(CredentialFileRequest(target: URL(fileURLWithPath: csv)) { _, path in try RosterCSV(path: path) })
        }
        return requests
    }
}
