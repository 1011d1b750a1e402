import Foundation

/// What a candidate holds between a first sign-in and registration, instead of the slip's password: a
/// short-lived, single-use right to register one entry, kept in the store (any server can honour it) under
/// the digest of a random token that only the candidate's browser session carries.
public struct FirstLoginGrant: Equatable, Sendable {
    /// SHA-256 of the token, in hex: the token itself is never stored.
    public var digest: String
    public var entryID: UUID
    /// The keyed verifier of the slip's password as typed at sign-in; registration stores it on the entry.
    public var genericVerifier: [UInt8]
    public var createdAt: Date
    public var expiresAt: Date
    /// When a registration used it; it stays until it expires, so a lost answer can be given again.
    public var usedAt: Date?

    public init(digest: String, entryID: UUID, genericVerifier: [UInt8], createdAt: Date, expiresAt: Date, usedAt: Date? = nil) {
        self.digest = digest
        self.entryID = entryID
        self.genericVerifier = genericVerifier
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }

    /// How long a candidate has between signing in and registering.
    public static let lifetime: TimeInterval = 15 * 60
}

/// A roster checked on the verify page and waiting for "Import", kept in the store (any server can run it)
/// sealed under the data key, because its rows may hold passwords.
public struct PendingImport: Sendable {
    /// SHA-256 of the token the page's form carries, in hex.
    public var digest: String
    public var sessionID: UUID
    public var staffID: UUID
    public var sealed: [UInt8]
    public var expiresAt: Date

    public init(digest: String, sessionID: UUID, staffID: UUID, sealed: [UInt8], expiresAt: Date) {
        self.digest = digest
        self.sessionID = sessionID
        self.staffID = staffID
        self.sealed = sealed
        self.expiresAt = expiresAt
    }

    public static let lifetime: TimeInterval = 15 * 60
    /// The checked rosters one member may keep waiting at once; a new check drops that member's oldest, and
    /// nobody else's (one member's uploads never crowd out another's).
    public static let perMember = 10
}
