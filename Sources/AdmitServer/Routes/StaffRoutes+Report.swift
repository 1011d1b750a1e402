import AdmitCSV
import AdmitCore
import AdmitCrypto
import AdmitXLSX
import Foundation
import Hummingbird

/// The login report: a page that refreshes itself for the invigilator (every 15 s with JavaScript, a refresh link
/// without), filtered to who has not signed in yet or who is locked, and downloaded as a workbook or CSV.
extension StaffRoutes {
    /// Seconds between the report page's refreshes.
    static let reportRefresh = 15

    @Sendable func reportPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, member, .readReport)
        let filter = try Self.reportFilter(request)
        let report = try await blocking { [admissions] in try admissions.report(session: session, only: filter) }
        let base = "/staff/sessions/\(session.id.lowercased)/report"
        let query = filter.map { "?only=\($0.rawValue)" } ?? ""
        let filters = [(nil, "Everyone"), (ReportFilter.notSignedIn, "Not signed in yet"), (.locked, "Locked")].map { option, label in
            ReportPage.FilterLink(label: label, href: base + (option.map { "?only=\($0.rawValue)" } ?? ""), current: option == filter)
        }
        let page = ReportPage(
            session: SessionRow(session),
            counts: EntryState.allCases.map { ReportPage.StateCount(state: $0.rawValue, count: report.counts[$0] ?? 0) },
            entries: report.entries.map { EntryRow($0) }, none: report.entries.isEmpty, generatedAt: Self.time(report.generatedAt),
            timeZone: TimeZone.current.identifier, refreshSeconds: Self.reportRefresh, refreshLink: base + query, filters: filters,
            filterName: filter.map { $0 == .locked ? "locked" : "not signed in yet" } ?? "", xlsx: base + ".xlsx" + query,
            csv: base + ".csv" + query)
        return try pages.staffPage(page, context, title: "Login report: \(session.name)")
    }

    @Sendable func reportWorkbook(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let paper = try Worksheet.Paper.named(request.uri.queryParameters["paper"].map(String.init) ?? "a4")
        return try await reportFile(request, context, ending: "xlsx", type: Download.Format.xlsx.contentType) { [admissions] report, path in
            let institution = try admissions.institution(code: report.session.institutionCode)
            try ReportWorkbook.write(report, institutionName: institution.name, paper: paper, to: path)
        }
    }

    @Sendable func reportCSV(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        try await reportFile(request, context, ending: "csv", type: Download.Format.csv.contentType) { report, path in
            try ReportCSV.write(report, to: path)
        }
    }

    /// The report (no secret in it) written to a private folder and answered as an attachment.
    private func reportFile(
        _ request: Request, _ context: AdmitRequestContext, ending: String, type: String,
        write: @escaping @Sendable (LoginReport, URL) throws -> Void
    ) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, member, .readReport)
        let filter = try Self.reportFilter(request)
        let stem = session.name.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }.prefix(60)
        let name = "\(stem.isEmpty ? "session" : String(stem))-report\(filter.map { "-\($0.rawValue)" } ?? "").\(ending)"
        let data = try await blocking { [admissions] in
            let report = try admissions.report(session: session, only: filter)
            return try TemporaryFolder.use { folder in
                let path = folder.appendingPathComponent(name)
                try SecretFile.write(to: path) { temporary in try write(report, temporary) }
                return try Data(contentsOf: path)
            }
        }
        return Download.attachment(data, name: name, type: type)
    }

    static func reportFilter(_ request: Request) throws -> ReportFilter? {
        guard let text = request.uri.queryParameters["only"], !text.isEmpty else { return nil }
        guard let filter = ReportFilter(rawValue: String(text)) else {
            throw HTTPError(.badRequest, message: "Choose who the report shows: not-signed-in or locked.")
        }
        return filter
    }
}
