import AdmitCrypto
import Foundation

/// A new API token, shown once: only its digest is stored.
public struct IssuedToken: Sendable {
    public var token: String
    public var staff: StaffMember
}

extension Admissions {
    /// Adds a staff member with an Argon2id hash of `password`. Coordinators and invigilators belong to an institution.
    @discardableResult
    public func addStaff(username: String, role: StaffRole, institution code: String?, password: String) throws -> StaffMember {
        let username = try StaffMember.validatedUsername(username)
        let institution = try staffInstitution(role: role, code: code)
        try Self.checkStaffPassword(password, username: username)
        let now = clock()
        let member = StaffMember(
            id: try random.uuid(), username: username, role: role, institutionCode: institution,
            passwordHash: try hasher.hash(password, random: random), createdAt: now)
        return try write { store in
            if try store.staff(username: username) != nil {
                throw AdmitError(.conflict, .staffMemberExists(username))
            }
            try store.insert(member)
            try store.append(audit(.staffAdded, session: nil, at: now, .init(name: username, reason: role.rawValue)))
            return member
        }
    }

    public func staffMembers() throws -> [StaffMember] {
        try read { try $0.staffMembers() }
    }

    public func staffMember(_ username: String) throws -> StaffMember {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard let member = try read({ try $0.staff(username: name) }) else {
            throw AdmitError(.notFound, .noStaffMember(username))
        }
        return member
    }

    /// The member a signed-in page's cookie names, if still enabled.
    public func activeStaffMember(id: UUID) throws -> StaffMember? {
        try read { try $0.staff(id: id) }.flatMap { $0.isDisabled ? nil : $0 }
    }

    /// Stops a member from signing in and revokes their API tokens; their past actions stay in the audit trail.
    /// The last admin is not disabled: someone must be able to manage the staff.
    @discardableResult
    public func disableStaff(_ username: String) throws -> StaffMember {
        var member = try staffMember(username)
        guard !member.isDisabled else { return member }
        let now = clock()
        try write { store in
            try Self.refuseLosingLastAdmin(member, store: store, doing: .disabled)
            try store.disableStaff(id: member.id, at: now)
            try store.append(audit(.staffDisabled, session: nil, at: now, .init(name: member.username)))
        }
        member.disabledAt = now
        return member
    }

    /// A new bearer token for the API; earlier tokens of the member stop working.
    public func issueToken(for username: String) throws -> IssuedToken {
        let member = try staffMember(username)
        guard !member.isDisabled else { throw AdmitError(.conflict, .staffMemberDisabled(member.username)) }
        let token = "admit_" + Self.base64URL(try random.bytes(32))
        let now = clock()
        try write { store in
            try store.replaceTokens(staff: member.id, digest: try TokenDigest.hex(of: token), at: now)
            try store.append(audit(.staffTokenIssued, session: nil, at: now, .init(name: member.username)))
        }
        return IssuedToken(token: token, staff: member)
    }

    /// The enabled member a username and password name. Unknown, wrong, locked and disabled all get one answer,
    /// after one Argon2id verification.
    public func authenticateStaff(username: String, password: String) throws -> StaffMember {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        let now = clock()
        guard let member = try read({ try $0.staff(username: name) }) else {
            _ = checkPassword(password, against: nil)
            throw StaffRefusal.invalid
        }
        // A locked account is refused like a wrong password, after the same work, whatever was typed.
        let locked = member.lockedUntil.map { $0 > now } ?? false
        let matches = checkPassword(password, against: member.passwordHash) && !locked
        let lockedNow = try write { store -> Bool in
            if matches && !member.isDisabled {
                try store.recordSuccessfulStaffSignIn(id: member.id)
                try store.append(
                    AuditEvent(at: now, actor: member.actorName, action: .staffSignedIn, sessionID: nil, detail: .init(name: member.username)))
                return false
            }
            // The store counts, so concurrent failures on several servers all count; a locked account counts no more.
            let failures = locked ? member.failedAttempts : try store.countFailedStaffSignIn(id: member.id)
            let wait = locked ? nil : Lockout.wait(afterFailures: failures)
            if let wait { try store.lockStaff(id: member.id, until: now.addingTimeInterval(wait)) }
            // Whoever typed it is unknown: the record names the account tried, not an actor.
            let reason =
                member.isDisabled ? "disabled" : locked ? "locked" : wait.map { "wrong password; locked for \(Int($0 / 60)) min" } ?? "wrong password"
            try store.append(
                AuditEvent(
                    at: now, actor: "web sign-in form", action: .staffSignInFailed, sessionID: nil,
                    detail: .init(count: failures, name: member.username, reason: reason)))
            return wait != nil
        }
        if lockedNow { SignInMetrics.lockedOut(.staff) }
        guard matches, !member.isDisabled else { throw StaffRefusal.invalid }
        return member
    }

    /// The enabled member a bearer token belongs to.
    public func authenticateToken(_ token: String) throws -> StaffMember {
        guard token.hasPrefix("admit_"), token.count < 100,
            let member = try read({ try $0.staff(tokenDigest: try TokenDigest.hex(of: token)) }), !member.isDisabled
        else {
            throw StaffRefusal.invalidToken
        }
        return member
    }

    /// Refuses `permission` on `session` (or on sessions in general) unless the member's role allows it.
    public func authorize(_ member: StaffMember, _ permission: StaffPermission, session: TestSession? = nil) throws {
        try authorize(member, permission, institution: session?.institutionCode, about: session == nil ? .sessions : .thisSession)
    }

    /// Refuses `permission` on the sessions of `institution` (nil: sessions in general) unless the role allows it.
    public func authorize(_ member: StaffMember, _ permission: StaffPermission, institution: String?) throws {
        try authorize(
            member, permission, institution: institution?.uppercased(),
            about: institution.map { AccessScope.sessionsOf($0.uppercased()) } ?? .sessions)
    }

    private func authorize(_ member: StaffMember, _ permission: StaffPermission, institution: String?, about scope: AccessScope) throws {
        guard member.may(permission, institution: institution) else {
            throw AdmitError(.forbidden, .roleMayNot(member.role, institution: member.institutionCode, permission, scope))
        }
    }

    /// The session `id` names, if the member's role allows `permission` on it. Another institution's session is
    /// "not found" for someone who may not see it, so its existence is not disclosed. The answer repeats nothing:
    /// the id may come from another institution's record (an import job's session), not from the caller.
    public func session(id text: String, for member: StaffMember, may permission: StaffPermission) throws -> TestSession {
        let missing = AdmitError(.notFound, .noVisibleSession)
        guard let id = UUID(uuidString: text), let session = try read({ try $0.session(id: id) }) else { throw missing }
        guard member.may(.view, institution: session.institutionCode) else { throw missing }
        try authorize(member, permission, session: session)
        return session
    }

    /// The sessions a member may see, newest first.
    public func sessions(visibleTo member: StaffMember, search: String?) throws -> [TestSession] {
        let institution = member.role == .admin ? nil : member.institutionCode
        guard !member.isDisabled, member.role == .admin || institution != nil else { return [] }
        return try read { try $0.sessions(search: search, institution: institution) }
    }

    /// A copy whose audit records name `actor` (a staff member on the web).
    public func acting(as actor: String) -> Admissions {
        var copy = self
        copy.actor = actor
        return copy
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

public enum StaffRefusal {
    public static let invalid = AdmitError(.refused, .staffSignInInvalid)
    public static let invalidToken = AdmitError(.refused, .tokenInvalid)
}

extension StaffMember {
    /// 2 to 64 lower-case letters, digits, `.`, `_` and `-`.
    static func validatedUsername(_ text: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard (2...64).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-_".contains($0)) }) else {
            throw AdmitError(.invalidInput, .staffUsernameForm(text))

        }
        return name
    }
}
