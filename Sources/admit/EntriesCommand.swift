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
    @Option(help: ArgumentHelp("Write an Excel workbook here (mode 0600).", valueName: "file")) var xlsx: String?
    @Option(help: ArgumentHelp("Write the roster as CSV here (mode 0600).", valueName: "file")) var csv: String?
    @Option(help: ArgumentHelp("The workbook's sheets: roster (a table), slips (cut-out cards), or roster,slips.", valueName: "layout"))
    var layout = "roster"
    @Option(help: ArgumentHelp("The paper the workbook prints on: a4 or letter.", valueName: "paper")) var paper = "a4"
    @Option(help: ArgumentHelp("Where candidates sign in, printed on slips (default: the session's address).", valueName: "url"))
    var signInUrl: String?

    /// The files to write; checks the layout, the paper and the address first, so bad input writes nothing.
    func requests() throws -> [CredentialFileRequest] {
        let layouts = try SheetLayout.list(from: layout)
        guard let paper = Worksheet.Paper(rawValue: paper.lowercased()) else {
            throw AdmitError(.invalidInput, "\"\(self.paper)\" is not a paper size; choose a4 or letter")
        }
        let signInURL = try signInUrl.map(TestSession.validatedSignInURL)
        var requests: [CredentialFileRequest] = []
        if let xlsx {
            requests.append(CredentialFileRequest(target: URL(fileURLWithPath: xlsx)) { heading, path in
                var heading = heading
                heading.signInURL = signInURL ?? heading.signInURL
                return try CredentialWorkbook(path: path, heading: heading, layouts: layouts, paper: paper)
            })
        }
        if let csv {
            requests.append(CredentialFileRequest(target: URL(fileURLWithPath: csv)) { _, path in try RosterCSV(path: path) })
        }
        return requests
    }
}
