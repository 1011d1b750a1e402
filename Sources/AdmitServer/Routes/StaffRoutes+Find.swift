import AdmitCore
import Foundation
import Hummingbird

/// "Find a candidate": every session the member may see, by username, candidate number, name or e-mail.
extension StaffRoutes {
    @Sendable func findPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let text = request.uri.queryParameters["q"].map(String.init) ?? ""
        var values: [String: Any] = ["title": "Find a candidate", "q": text, "timeZone": TimeZone.current.identifier]
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return try render("staff-find", context, values) }
        do {
            let found = try await blocking { [admissions] in try admissions.find(text, visibleTo: member) }
            values["asked"] = true
            values["none"] = found.isEmpty
            values["count"] = Self.count(found.count, "candidate", "candidates")
            values["found"] = found.map { result in
                Self.entryRow(result.entry, checked: false).merging(
                    ["sessionID": result.sessionID.lowercased, "sessionName": result.sessionName, "institution": result.institutionCode],
                    uniquingKeysWith: { _, session in session })
            }
            return try render("staff-find", context, values)
        } catch let refusal as AdmitError where refusal.kind == .invalidInput {
            values["error_q"] = refusal.staffSentence
            return try render("staff-find", context, values, error: refusal.about(.query), status: .badRequest)
        }
    }
}
