import AdmitCore
import Foundation
import Hummingbird

/// "Edit the session": name, times, sign-in address, username template and required details; unused logins
/// follow a new end.
extension StaffRoutes {
    @Sendable func editSessionPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, member, .manage)
        return try pages.staffPage(Self.editPage(session, SessionForm(session)), context, title: "Edit \(session.name)")
    }

    @Sendable func updateSession(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, member, .manage)
        let form = try await request.form(SessionForm.self, context: context)
        do {
            let changes = try form.changes(from: session)
            guard !changes.fields.isEmpty else {
                try context.updateWebSession { $0.flash = "Nothing was changed." }
                return Pages.redirect("/staff/sessions/\(session.id.lowercased)")
            }
            let acting = admissions.acting(as: member.actorName)
            let outcome = try await blocking { try acting.updateSession(session, changes) }
            try context.updateWebSession {
                $0.flash =
                    "Saved the session \(outcome.session.name)."
                    + (changes.endsAt == nil
                        ? "" : " \(Self.count(outcome.movedExpiries, "unused login follows", "unused logins follow")) the new end.")
            }
            return Pages.redirect("/staff/sessions/\(session.id.lowercased)")
        } catch let refusal as AdmitError where [.invalidInput, .conflict].contains(refusal.kind) {
            return try pages.staffPage(
                Self.editPage(session, form), context, title: "Edit \(session.name)", error: refusal, beside: SessionForm.field(of: refusal),
                status: .badRequest)
        }
    }

    private static func editPage(_ session: TestSession, _ form: SessionForm) -> EditSessionPage {
        EditSessionPage(session: SessionRow(session), form: SessionFormValues(form), timeZone: TimeZone.current.identifier)
    }
}
