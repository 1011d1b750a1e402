import AdmitCore
import Foundation
import Hummingbird

/// "Find a candidate": every session the member may see, by username, candidate number, name or e-mail.
extension StaffRoutes {
    @Sendable func findPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let text = request.uri.queryParameters["q"].map(String.init) ?? ""
        var page = FindPage(q: text, timeZone: TimeZone.current.identifier)
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return try pages.staffPage(page, context, title: FindPage.title) }
        do {
            let found = try await blocking { [admissions] in try admissions.find(text, visibleTo: member) }
            page.asked = true
            page.none = found.isEmpty
            page.count = Self.count(found.count, "candidate", "candidates")
            page.found = found.map {
                FindPage.Found(
                    sessionID: $0.sessionID.lowercased, sessionName: $0.sessionName, institution: $0.institutionCode, entry: EntryRow($0.entry))
            }
            return try pages.staffPage(page, context, title: FindPage.title)
        } catch let refusal as AdmitError where refusal.kind == .invalidInput {
            return try pages.staffPage(page, context, title: FindPage.title, error: refusal.about(.query), status: .badRequest)
        }
    }
}
