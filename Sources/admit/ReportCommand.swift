import AdmitCSV
import AdmitCore
import AdmitCrypto
import AdmitXLSX
import ArgumentParser
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The login report of a session: entries per state and a row per entry.")

    @Argument(help: "The session's id, or its exact name.") var session: String
    @Option(help: ArgumentHelp("Also write the report as an Excel workbook here (mode 0600).", valueName: "file")) var xlsx: String?
    @Option(help: ArgumentHelp("Also write the report's table as CSV here (mode 0600).", valueName: "file")) var csv: String?
    @Option(help: ArgumentHelp("The paper the workbook prints on: a4 or letter.", valueName: "paper")) var paper = "a4"
    @Flag(help: "Only the entries locked now by failed sign-ins (then `admit entries unlock`).") var locked = false
    @Flag(help: "Only the logins whose first login is not done yet.") var notSignedIn = false
    @OptionGroup var options: StoreOptions

    func validate() throws {
        if locked && notSignedIn { throw ValidationError("Choose one of --locked and --not-signed-in.") }
    }

    func run() throws {
        let paper = try Worksheet.Paper.named(paper)
        let admissions = try options.admissions()
        let session = try admissions.session(session)
        let filter: ReportFilter? = locked ? .locked : notSignedIn ? .notSignedIn : nil
        let report = try admissions.report(session: session, only: filter)
        let institution = try admissions.institution(code: session.institutionCode)
        let written = [xlsx, csv].compactMap { $0 }
        do {
            if let xlsx {
                try SecretFile.write(to: URL(fileURLWithPath: xlsx)) { path in
                    try ReportWorkbook.write(report, institutionName: institution.name, paper: paper, to: path)
                }
            }
            if let csv {
                try SecretFile.write(to: URL(fileURLWithPath: csv)) { path in try ReportCSV.write(report, to: path) }
            }
        } catch let error as CryptoError {
            throw AdmitError(.invalidInput, .cryptography(error))
        }
        if options.json { return try Console.json(report) }
        Console.line(
            "\(session.name) (\(session.institutionCode))\(filter.map { $0 == .locked ? ", locked entries" : ", not signed in yet" } ?? ""): \(counted(report.entries.count, "entry", "entries")), "
                + EntryState.allCases.map { "\(report.counts[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", "))
        Console.line()
        Console.table(
            ["#", "USERNAME", "STATE", "PERSONAL USERNAME", "REGISTERED", "LAST SIGN-IN", "FAILURES", "LOCKED UNTIL", "EXPIRES", "GUID"],
            report.entries.map {
                [
                    String($0.number), $0.username, $0.state.rawValue, $0.personalUsername ?? "-", Console.date($0.registeredAt),
                    Console.date($0.lastSignInAt), String($0.failedAttempts), Console.date($0.lockedUntil),
                    Console.date($0.expiresAt), $0.guid.lowercased,
                ]
            })
        if !written.isEmpty { Console.line("\nWrote \(written.joined(separator: " and "))") }
    }
}
