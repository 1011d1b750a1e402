import AdmitCore
import Foundation
import Hummingbird

/// An admin's staff accounts: list, unlock, enable, disable, a new password, a new role.
extension APIRoutes {
    @Sendable func listStaff(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        try admissions.authorize(try context.requireStaff(), .manageStaff)
        return try Self.json(try await blocking { [admissions] in try admissions.staffMembers() })
    }

    @Sendable func unlockStaff(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        try await changeStaff(context) { admissions, username in try admissions.unlockStaff(username) }
    }

    @Sendable func enableStaff(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        try await changeStaff(context) { admissions, username in try admissions.enableStaff(username) }
    }

    @Sendable func disableStaff(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        try await changeStaff(context) { admissions, username in try admissions.disableStaff(username) }
    }

    struct PasswordRequest: APIBody {
        var password: String
        static let fields = ["password"]
    }

    @Sendable func setStaffPassword(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let body = try await Self.decode(PasswordRequest.self, request, context)
        return try await changeStaff(context) { admissions, username in
            do { return try admissions.setStaffPassword(username, password: body.password) } catch let refusal as AdmitError
                where refusal.field == nil && refusal.kind == .invalidInput
            {
                throw refusal.about(.password)
            }
        }
    }

    struct RoleRequest: APIBody {
        var role: StaffRole
        var institution: String?
        static let fields = ["role", "institution"]
    }

    @Sendable func changeStaffRole(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let body = try await Self.decode(RoleRequest.self, request, context)
        return try await changeStaff(context) { admissions, username in
            try admissions.changeStaffRole(username, to: body.role, institution: body.institution)
        }
    }

    /// Runs `change` on the member the path names, as the signed-in admin, and answers with the member as it is now.
    private func changeStaff(
        _ context: AdmitRequestContext, _ change: @escaping @Sendable (Admissions, String) throws -> StaffMember
    ) async throws -> Response {
        let member = try context.requireStaff()
        try admissions.authorize(member, .manageStaff)
        let username = try context.parameters.require("username")
        let acting = admissions.acting(as: member.actorName)
        return try Self.json(try await blocking { try change(acting, username) })
    }
}
