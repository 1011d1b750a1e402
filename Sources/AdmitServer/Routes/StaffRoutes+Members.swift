import AdmitCore
import Foundation
import Hummingbird

/// The admin's staff pages: who there is, and for each member unlock, enable or disable, a new password and a
/// new role. The last admin is neither disabled nor demoted (Core refuses it).
extension StaffRoutes {
    func registerMembers(on router: RouterGroup<AdmitRequestContext>) {
        router.get("/members", use: membersPage)
        router.get("/members/{username}", use: memberPage)
        router.post("/members/{username}", use: changeMember)
    }

    @Sendable func membersPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        try admissions.authorize(member, .manageStaff)
        let members = try await blocking { [admissions] in try admissions.staffMembers() }
        let flash = context.sessions.session?.flash
        if flash != nil { try context.updateWebSession { $0.flash = nil } }
        var values: [String: Any] = ["title": "Staff", "members": members.map(memberRow), "timeZone": TimeZone.current.identifier]
        values["flash"] = flash
        return try render("staff-members", context, values)
    }

    @Sendable func memberPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (_, subject) = try await member(request, context)
        return try render("staff-member", context, try await memberValues(subject))
    }

    struct MemberForm: Decodable {
        /// `unlock`, `enable`, `disable`, `password` or `role`.
        var action: String?
        var newPassword: String?
        var confirmPassword: String?
        var role: String?
        var institution: String?
    }

    @Sendable func changeMember(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (member, subject) = try await member(request, context)
        let form = try await request.form(MemberForm.self, context: context)
        let acting = admissions.acting(as: member.actorName)
        let name = subject.username
        do {
            let done: String
            switch form.action {
            case "unlock":
                try await blocking { _ = try acting.unlockStaff(name) }
                done = "Unlocked \(name): their right password works at once."
            case "enable":
                try await blocking { _ = try acting.enableStaff(name) }
                done = "Enabled \(name): they can sign in again."
            case "disable":
                try await blocking { _ = try acting.disableStaff(name) }
                done = "Disabled \(name): they are signed out and cannot sign in."
            case "password":
                let password = form.newPassword ?? ""
                guard password == form.confirmPassword ?? "" else {
                    throw AdmitError(.invalidInput, .passwordsDiffer(.staff), field: .confirmPassword)
                }
                do {
                    try await credentials.run { _ = try acting.setStaffPassword(name, password: password) }
                } catch let refusal as AdmitError where refusal.field == nil {
                    throw refusal.about(.newPassword)
                }
                done = "Set a new password for \(name); tell it to them in person."
            case "role":
                guard let role = StaffRole(rawValue: form.role ?? "") else {
                    throw AdmitError(.invalidInput, .noRoleChosen, field: .role)
                }
                let institution = (form.institution ?? "").isEmpty || role == .admin ? nil : form.institution
                do {
                    try await blocking { _ = try acting.changeStaffRole(name, to: role, institution: institution) }
                } catch let refusal as AdmitError where refusal.field == nil {
                    throw refusal.about(.role)
                }
                done = "\(name) is now \(role == .admin ? "an" : "a") \(role.rawValue)\(institution.map { " of \($0.uppercased())" } ?? "")."
            default:
                throw HTTPError(.badRequest, message: "Choose what to change for this member.")
            }
            try context.updateWebSession { $0.flash = done }
            return Pages.redirect("/staff/members")
        } catch let refusal as AdmitError where [.invalidInput, .conflict, .notFound].contains(refusal.kind) {
            var values = try await memberValues(subject)
            if let field = refusal.field { values["error_\(field)"] = refusal.staffSentence }
            return try render("staff-member", context, values, error: refusal, status: .badRequest)
        }
    }

    /// The signed-in admin, and the member the path names.
    private func member(_ request: Request, _ context: AdmitRequestContext) async throws -> (StaffMember, StaffMember) {
        let member = try context.requireStaff()
        try admissions.authorize(member, .manageStaff)
        let username = try context.parameters.require("username")
        return (member, try await blocking { [admissions] in try admissions.staffMember(username) })
    }

    private func memberValues(_ subject: StaffMember) async throws -> [String: Any] {
        let institutions = try await blocking { [admissions] in try admissions.institutions() }
        return [
            "title": "Staff member \(subject.username)", "member": memberRow(subject),
            "roles": StaffRole.allCases.map { ["value": $0.rawValue, "selected": $0 == subject.role] },
            "institutions": institutions.map { ["code": $0.code, "name": $0.name, "selected": $0.code == subject.institutionCode] },
        ]
    }

    private func memberRow(_ member: StaffMember) -> [String: Any] {
        let locked = member.lockedUntil.flatMap { $0 > admissions.now ? $0 : nil }
        let row: [String: Any?] = [
            "username": member.username, "role": member.role.rawValue, "institution": member.institutionCode,
            "disabled": member.isDisabled, "lockedUntil": locked.map(Self.time), "failedAttempts": member.failedAttempts,
            "state": member.isDisabled ? "disabled" : locked != nil ? "locked" : "active",
        ]
        return row.compactMapValues { $0 }
    }
}
