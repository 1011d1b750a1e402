import Foundation

/// The stored state of an entry. `expired` is never stored: it is derived from `expiresAt`.
public enum EntryState: String, Codable, CaseIterable, Sendable {
    case issued, converted, withdrawn, expired
}

/// How an entry came to be: a generic login from a batch, or a named one from a roster row.
public enum EntryKind: String, Codable, Sendable {
    /// A random username printed on a slip; the candidate gets a personal username at first login.
    case generic
    /// Made for a known candidate: its username is personal from the start, its first login only sets a password.
    case named
}

/// One candidate login, identified by its entry GUID, which is never reused and never edited.
public struct Entry: Equatable, Sendable {
    public var id: UUID
    public var sessionID: UUID
    public var batchID: UUID
    /// The entry's number within its session, as printed in the `#` column.
    public var number: Int
    /// The login on the slip: the generic username, or a named entry's (personal) username.
    public var username: String
    public var kind: EntryKind = .generic
    /// The generic password sealed under the data key; nil once the entry is registered or withdrawn.
    public var sealedPassword: [UInt8]?
    /// The stored state: issued, converted or withdrawn.
    public var storedState: EntryState
    public var createdAt: Date
    public var expiresAt: Date
    public var withdrawnAt: Date?
    public var institutionCode: String

    // The personal login, from the first sign-in on.
    public var personalUsername: String?
    /// Argon2id PHC string of the candidate's own password.
    public var passwordHash: String?
    /// A keyed hash of the generic password, kept after registration so that only its holder learns the
    /// login was already registered.
    public var genericVerifier: [UInt8]?
    public var details: CandidateDetails?
    public var registeredAt: Date?
    public var lastSignInAt: Date?
    /// Failed sign-ins in a row.
    public var failedAttempts: Int = 0
    public var lockedUntil: Date?
    public var groupID: UUID?
    /// When an import last changed the entry's details.
    public var updatedAt: Date?
    /// When a coordinator last gave the entry a new temporary password (`entries reset`); its validity runs from then.
    public var resetAt: Date?

    /// The username the candidate signs in with now.
    public var loginUsername: String { personalUsername ?? username }

    /// Whether the entry's temporary password goes with its personal username, so that its sign-in only asks for a
    /// new password: a named entry, or an entry with a personal username that a coordinator has reset.
    public var choosesPasswordOnly: Bool { kind == .named || (resetAt != nil && personalUsername != nil) }

    /// When its current unused password was made: the batch or import, or the last reset.
    public var issuedAt: Date { resetAt ?? createdAt }

    public init(
        id: UUID, sessionID: UUID, batchID: UUID, number: Int, username: String, sealedPassword: [UInt8]?,
        storedState: EntryState, createdAt: Date, expiresAt: Date, withdrawnAt: Date? = nil, institutionCode: String
    ) {
        self.id = id
        self.sessionID = sessionID
        self.batchID = batchID
        self.number = number
        self.username = username
        self.sealedPassword = sealedPassword
        self.storedState = storedState
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.withdrawnAt = withdrawnAt
        self.institutionCode = institutionCode
    }

    public func state(at now: Date) -> EntryState {
        storedState == .issued && expiresAt <= now ? .expired : storedState
    }

    /// Default validity of an unused generic or temporary password: 90 days, or until the session ends if that is sooner.
    public static let validity: TimeInterval = 90 * 24 * 60 * 60

    /// When a password made at `createdAt` for an entry of `session` stops working.
    public static func expiry(createdAt: Date, session: TestSession) -> Date {
        let days = createdAt.addingTimeInterval(validity)
        guard let end = session.endsAt else { return days }
        return min(days, end)
    }
}

/// Which entries of a session a list, an export or a report takes.
public struct EntryFilter: Sendable {
    public var state: EntryState?
    public var batchID: UUID?
    /// When set, only these entries (an export "of the selected entries").
    public var entryIDs: [UUID]?
    /// Only entries of the group with this name (any case).
    public var group: String?
    /// Only entries numbered below this (where a page starts).
    public var numberBelow: Int?
    /// Only this slice of the entries, in number order: a page of a long list, cut by the store.
    public var slice: Range<Int>?

    public init(
        state: EntryState? = nil, batchID: UUID? = nil, entryIDs: [UUID]? = nil, group: String? = nil, numberBelow: Int? = nil,
        slice: Range<Int>? = nil
    ) {
        self.state = state
        self.batchID = batchID
        self.entryIDs = entryIDs
        self.group = group
        self.numberBelow = numberBelow
        self.slice = slice
    }
}
