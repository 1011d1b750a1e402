import AdmitCore
import Foundation

/// "Staff": every member, for an admin.
struct MembersPage: PageContent {
    var template: String { "staff-members" }
    var members: [MemberRow]
    var timeZone: String
}

/// A staff member, for an admin: unlock, enable or disable, a new password, a new role.
struct MemberPage: PageContent {
    var template: String { "staff-member" }
    var member: MemberRow
    var roles: [RoleOption]
    var institutions: [InstitutionOption]

    struct RoleOption {
        var value: String
        var selected: Bool
    }
}

/// A staff member as the staff pages list them.
struct MemberRow {
    var username: String
    var role: String
    var institution: String?
    var disabled: Bool
    var lockedUntil: String?
    var failedAttempts: Int
    /// `active`, `locked` or `disabled`.
    var state: String

    /// A lock counts only until it runs out (`now`).
    init(_ member: StaffMember, now: Date) {
        let locked = member.lockedUntil.flatMap { $0 > now ? $0 : nil }
        username = member.username
        role = member.role.rawValue
        institution = member.institutionCode
        disabled = member.isDisabled
        lockedUntil = locked.map(StaffRoutes.time)
        failedAttempts = member.failedAttempts
        state = member.isDisabled ? "disabled" : locked != nil ? "locked" : "active"
    }
}
