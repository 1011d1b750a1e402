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
        let page = MembersPage(members: members.map { MemberRow($0, now: admissions.now) }, timeZone: TimeZone.current.identifier)
        return try pages.staffPage(page, context, title: "Staff", flash: flash)
    }

    @Sendable func memberPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (_, subject) = try await member(request, context)
        return try pages.staffPage(try await memberModel(subject), context, title: "Staff member \(subject.username)")
    }

    struct MemberForm: Decodable {
        var action: Action?
        var newPassword: String?
        var confirmPassword: String?
        var role: String?
        var institution: String?

        /// The member page's buttons and forms.
        enum Action: String, FormChoice {
            case unlock, enable, disable, password, role
            static let choose = MemberForm.noAction
        }

        static let noAction = "Choose what to change for this member."
    }

    @Sendable func changeMember(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (member, subject) = try await member(request, context)
        let form = try await request.form(MemberForm.self, context: context)
        let acting = admissions.acting(as: member.actorName)
        let name = subject.username
        do {
            let done: String
            switch form.action {
            case .unlock:
                try await blocking { _ = try acting.unlockStaff(name) }
                done = "Unlocked \(name): their right password works at once."
            case .enable:
                try await blocking { _ = try acting.enableStaff(name) }
                done = "Enabled \(name): they can sign in again."
            case .disable:
                try await blocking { _ = try acting.disableStaff(name) }
                done = "Disabled \(name): they are signed out and cannot sign in."
            case .password:
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
            case .role:
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
            case nil:
                throw HTTPError(.badRequest, message: MemberForm.noAction)
            }
            try context.updateWebSession { $0.flash = done }
            return Pages.redirect("/staff/members")
        } catch let refusal as AdmitError where [.invalidInput, .conflict, .notFound].contains(refusal.kind) {
            return try pages.staffPage(
                try await memberModel(subject), context, title: "Staff member \(subject.username)", error: refusal, status: .badRequest)
        }
    }

    /// The signed-in admin, and the member the path names.
    private func member(_ request: Request, _ context: AdmitRequestContext) async throws -> (StaffMember, StaffMember) {
        let member = try context.requireStaff()
        try admissions.authorize(member, .manageStaff)
        let username = try context.parameters.require("username")
        return (member, try await blocking { [admissions] in try admissions.staffMember(username) })
    }

    private func memberModel(_ subject: StaffMember) async throws -> MemberPage {
        let institutions = try await blocking { [admissions] in try admissions.institutions() }
        return MemberPage(
            member: MemberRow(subject, now: admissions.now),
            roles: StaffRole.allCases.map { MemberPage.RoleOption(value: $0.rawValue, selected: $0 == subject.role) },
            institutions: InstitutionOption.list(institutions, selecting: subject.institutionCode))
    }
}
