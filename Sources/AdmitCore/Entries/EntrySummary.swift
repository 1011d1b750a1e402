import Foundation

/// An entry as lists, reports and the JSON output show it: never a secret.
public struct EntrySummary: Codable, Equatable, Sendable {
    public var guid: UUID
    public var number: Int
    public var username: String
    public var kind: EntryKind
    public var state: EntryState
    public var batch: UUID
    public var createdAt: Date
    public var expiresAt: Date
    public var withdrawnAt: Date?
    public var personalUsername: String?
    public var registeredAt: Date?
    public var lastSignInAt: Date?
    /// Failed sign-ins in a row since the last success.
    public var failedAttempts: Int
    public var lockedUntil: Date?
    public var candidateNumber: String?
    public var givenName: String?
    public var familyName: String?
    public var group: String?

    /// "María García · 10442", once the entry has details.
    public var candidate: String? {
        guard let givenName, let familyName else { return nil }
        return CandidateDetails(givenName: givenName, familyName: familyName, candidateNumber: candidateNumber).label
    }

    public init(_ entry: Entry, at now: Date, group: String? = nil) {
        guid = entry.id
        number = entry.number
        username = entry.username
        kind = entry.kind
        state = entry.state(at: now)
        batch = entry.batchID
        createdAt = entry.createdAt
        expiresAt = entry.expiresAt
        withdrawnAt = entry.withdrawnAt
        personalUsername = entry.personalUsername
        registeredAt = entry.registeredAt
        lastSignInAt = entry.lastSignInAt
        failedAttempts = entry.failedAttempts
        lockedUntil = entry.lockedUntil.flatMap { $0 > now ? $0 : nil }
        candidateNumber = entry.details?.candidateNumber
        givenName = entry.details?.givenName
        familyName = entry.details?.familyName
        self.group = group
    }

    enum CodingKeys: String, CodingKey {
        case guid, number, username, kind, state, batch, group
        case candidateNumber = "candidate_number"
        case givenName = "given_name"
        case familyName = "family_name"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case withdrawnAt = "withdrawn_at"
        case personalUsername = "personal_username"
        case registeredAt = "registered_at"
        case lastSignInAt = "last_sign_in_at"
        case failedAttempts = "failed_attempts"
        case lockedUntil = "locked_until"
    }
}
