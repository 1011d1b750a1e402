import AdmitCrypto
import Foundation

/// What a staff member may do: an admin everything; a coordinator runs their institution's sessions; an
/// invigilator of an institution views its sessions, prints sheets and reads the report.
public enum StaffRole: String, Codable, CaseIterable, Sendable {
    case admin, coordinator, invigilator
}

/// The things a role allows, checked against a session's institution.
public enum StaffPermission: Sendable {
    /// List and open sessions, list entries.
    case view
    /// Download rosters and slips (a disclosure of credentials, always audited).
    case download
    case readReport
    /// Create and change sessions, add, withdraw, unlock and reset entries.
    case manage
    /// Unlock, enable, disable staff accounts, set their passwords and roles.
    case manageStaff
}

/// A person who signs in at `/staff` or uses the API. The password hash never leaves the store in JSON.
public struct StaffMember: Encodable, Equatable, Sendable {
    public var id: UUID
    public var username: String
    public var role: StaffRole
    /// The institution a coordinator or invigilator works for; nil for an admin.
    public var institutionCode: String?
    public var passwordHash: String
    public var createdAt: Date
    public var disabledAt: Date?
    /// Failed sign-ins in a row; from the fifth on the account is locked like an entry (`Lockout`).
    public var failedAttempts: Int
    public var lockedUntil: Date?

    public init(
        id: UUID, username: String, role: StaffRole, institutionCode: String?, passwordHash: String, createdAt: Date,
        disabledAt: Date? = nil, failedAttempts: Int = 0, lockedUntil: Date? = nil
    ) {
        self.id = id
        self.username = username
        self.role = role
        self.institutionCode = institutionCode
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.disabledAt = disabledAt
        self.failedAttempts = failedAttempts
        self.lockedUntil = lockedUntil
    }

    enum CodingKeys: String, CodingKey {
        case id, username, role
        case institutionCode = "institution"
        case createdAt = "created_at"
        case disabledAt = "disabled_at"
        case failedAttempts = "failed_attempts"
        case lockedUntil = "locked_until"
    }

    public var isDisabled: Bool { disabledAt != nil }

    /// Whether this member may do `permission` to the sessions of `institution` (nil: creating, listing all).
    public func may(_ permission: StaffPermission, institution: String?) -> Bool {
        guard !isDisabled else { return false }
        if permission == .manageStaff { return role == .admin }
        switch role {
        case .admin: return true
        case .coordinator: return institution == nil || institution == institutionCode
        case .invigilator:
            guard permission != .manage else { return false }
            return institution == nil || institution == institutionCode
        }
    }

    /// Names the password the member signs in with, so a browser signed in before a new password is signed out
    /// (a digest of the stored hash: nothing that helps guess the password).
    public var signInStamp: String {
        get throws { String(try TokenDigest.hex(of: passwordHash).prefix(32)) }
    }

    /// The audit trail's name for what this member does.
    public var actorName: String { "staff:\(username)" }
}
