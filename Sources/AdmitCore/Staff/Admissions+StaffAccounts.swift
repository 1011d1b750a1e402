import AdmitCrypto
import Foundation

extension Admissions {
    /// Clears a member's failed sign-ins and lock, so their right password works at once.
    @discardableResult
    public func unlockStaff(_ username: String) throws -> StaffMember {
        let member = try staffMember(username)
        let now = clock()
        return try changeStaff(member, .staffUnlocked, at: now) { member in
            member.failedAttempts = 0
            member.lockedUntil = nil
        }
    }

    /// Lets a disabled member sign in again (their old API token stays revoked: `staff token` makes a new one).
    @discardableResult
    public func enableStaff(_ username: String) throws -> StaffMember {
        let member = try staffMember(username)
        return try changeStaff(member, .staffEnabled, at: clock()) { member in
            member.disabledAt = nil
            member.failedAttempts = 0
            member.lockedUntil = nil
        }
    }

    /// Gives a member a new password (the same rules as `addStaff`); it works at once, and clears their lock.
    @discardableResult
    public func setStaffPassword(_ username: String, password: String) throws -> StaffMember {
        let member = try staffMember(username)
        try Self.checkStaffPassword(password, username: member.username)
        // The slow part runs outside the write transaction.
        let hash = try hasher.hash(password, random: random)
        return try changeStaff(member, .staffPasswordSet, at: clock()) { member in
            member.passwordHash = hash
            member.failedAttempts = 0
            member.lockedUntil = nil
        }
    }

    /// Gives a member another role (and institution: coordinators and invigilators belong to one, admins to none).
    /// The last admin is not demoted.
    @discardableResult
    public func changeStaffRole(_ username: String, to role: StaffRole, institution code: String?) throws -> StaffMember {
        let member = try staffMember(username)
        let institution = try staffInstitution(role: role, code: code)
        return try changeStaff(member, .staffRoleChanged, at: clock(), reason: role.rawValue + (institution.map { " of \($0)" } ?? "")) { member in
            member.role = role
            member.institutionCode = institution
        }
    }

    /// Applies `change` to the member as the store has it now, in one transaction with its audit record.
    private func changeStaff(
        _ member: StaffMember, _ action: AuditEvent.Action, at now: Date, reason: String? = nil,
        _ change: (inout StaffMember) -> Void
    ) throws -> StaffMember {
        try write { store in
            guard var current = try store.staff(id: member.id) else {
                throw AdmitError(.notFound, .noStaffMember(member.username))
            }
            change(&current)
            if action == .staffRoleChanged, current.role != .admin {
                try Self.refuseLosingLastAdmin(member, store: store, doing: .madeRole(current.role))
            }
            try store.update(current)
            try store.append(audit(action, session: nil, at: now, .init(name: current.username, reason: reason)))
            return current
        }
    }

    /// The institution a member of `role` works for: none for an admin, an existing one for the others.
    func staffInstitution(role: StaffRole, code: String?) throws -> String? {
        switch (role, code) {
        case (.admin, .some): throw AdmitError(.invalidInput, .adminHasNoInstitution)
        case (.admin, nil): return nil
        case (_, nil):
            throw AdmitError(.invalidInput, .roleNeedsInstitution(role))

        case (_, .some(let code)): return try institution(code: code).code
        }
    }

    /// Refuses to take away the last enabled admin: nobody could manage the staff after it.
    static func refuseLosingLastAdmin(_ member: StaffMember, store: any StoreReader, doing what: AdminLoss) throws {
        guard let current = try store.staff(id: member.id), current.role == .admin, !current.isDisabled else { return }
        let others = try store.staffMembers().filter { $0.role == .admin && !$0.isDisabled && $0.id != member.id }
        if others.isEmpty {
            throw AdmitError(.conflict, .lastAdmin(member.username, what))

        }
    }

    /// The candidates' password rules, worded for a staff account.
    static func checkStaffPassword(_ password: String, username: String) throws {
        do {
            try PasswordPolicy().check(
                password, genericPassword: "", usernames: [username], details: CandidateDetails(givenName: "", familyName: ""), for: .staff)
        } catch let refusal as AdmitError {
            // Not tied to the candidates' form field: each caller says where a staff password is typed.
            throw AdmitError(refusal.kind, refusal.reason)
        }
    }
}
