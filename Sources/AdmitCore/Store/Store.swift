import Foundation

/// Where Admit keeps its records. Core's operations are written against these protocols and know no SQL.
///
/// - `read` is one consistent snapshot.
/// - `write` is one transaction: all of it or nothing. The store may run a `write` body more than once (a
///   server that is not the only writer retries a transaction that lost a race), so a body touches only the
///   store, changes nothing it captured, and returns what its caller needs; files are written after the commit.
/// - Allocations and counters are the store's own atomic calls; uniqueness is the store's constraint, and a
///   violation comes back as `StoreError.duplicate` naming it.
public protocol Store: Sendable {
    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T
    func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T
}

public protocol StoreReader {
    func institution(code: String) throws -> Institution?
    func institutions() throws -> [Institution]

    func session(id: UUID) throws -> TestSession?
    func sessions(named name: String) throws -> [TestSession]
    /// Sessions whose name contains `search` (any case), newest first; all of them when nil.
    func sessions(search: String?, institution: String?) throws -> [TestSession]

    func batch(requestKey: String) throws -> Batch?

    /// Calls `body` for each matching entry of the session in entry-number order, streaming from the store.
    func forEachEntry(session: UUID, filter: EntryFilter, now: Date, _ body: (Entry) throws -> Void) throws
    func entryCount(session: UUID, filter: EntryFilter, now: Date) throws -> Int
    func entries(ids: [UUID]) throws -> [Entry]
    /// Those of `usernames` that a generic login anywhere in the installation has, or that a personal username
    /// of the institution reads as (sign-in could not tell them apart).
    func takenUsernames(_ usernames: [String], institution: String) throws -> Set<String>
    func entry(institution: String, genericUsername: String) throws -> Entry?
    /// The entry of a session with this number (`#12`).
    func entry(session: UUID, number: Int) throws -> Entry?
    func entry(institution: String, personalUsername: String) throws -> Entry?
    /// The personal usernames of an institution that start with `prefix`.
    func personalUsernames(institution: String, startingWith prefix: String) throws -> Set<String>
    /// Whether any entry still holds a sealed secret (so the data key must not be replaced).
    func hasSealedSecrets() throws -> Bool
    /// The check value of the data key that seals this database's secrets, once one is recorded.
    func dataKeyCheck() throws -> [UInt8]?
    /// One sealed secret and its entry, to try a key on a database that recorded none.
    func sealedSample() throws -> (entry: UUID, sealed: [UInt8])?

    func auditEvents(session: UUID?) throws -> [AuditEvent]

    /// A session's groups, by name.
    func groups(session: UUID) throws -> [EntryGroup]
    /// The entries of a session whose candidate number is one of `numbers` (any case).
    func entries(session: UUID, candidateNumbers numbers: [String]) throws -> [Entry]
    func importJob(id: UUID) throws -> ImportJob?
    /// Import jobs, newest first: of one session, or of all when nil.
    func importJobs(session: UUID?) throws -> [ImportJob]
    /// The jobs whose lower-case id starts with `prefix`.
    func importJobs(idPrefix prefix: String) throws -> [ImportJob]
    /// A job's rows in file order.
    func importRows(job: UUID) throws -> [ImportRow]

    func staff(username: String) throws -> StaffMember?
    func staff(id: UUID) throws -> StaffMember?
    /// The member whose live API token has this SHA-256 digest.
    func staff(tokenDigest: String) throws -> StaffMember?
    func staffMembers() throws -> [StaffMember]

    /// A browser session's value under the digest of its cookie, unless it has expired.
    func webSession(key: String, at now: Date) throws -> [UInt8]?
    /// The first-login grant whose token has this digest, used or not, expired or not.
    func firstLoginGrant(digest: String) throws -> FirstLoginGrant?
    /// Jobs still queued or in progress whose holder has not renewed its hold by `now` (its process stopped).
    func abandonedImportJobs(at now: Date) throws -> [ImportJob]
}

public protocol StoreWriter: StoreReader {
    func insert(_ institution: Institution) throws
    func insert(_ session: TestSession) throws
    /// Stores a session's name, times, username template, required details and sign-in address.
    func update(_ session: TestSession) throws
    func insert(_ batch: Batch) throws
    func insert(_ entry: Entry) throws
    /// Inserts a batch's entries, in as few statements as the store can (one round trip per entry is PostgreSQL's cost).
    func insert(_ entries: [Entry]) throws
    /// Deletes a batch and its entries (a new batch whose files could not be written).
    func deleteBatch(_ id: UUID) throws
    /// Reserves `count` consecutive entry numbers in a session and returns the first; no other call gets them.
    func reserveEntryNumbers(session: UUID, count: Int) throws -> Int
    /// Moves an entry from `state` to withdrawn and destroys its sealed secret; false when it was not in `state`.
    func withdraw(entry: UUID, from state: EntryState, at date: Date) throws -> Bool
    func append(_ event: AuditEvent) throws
    /// Records which data key seals the secrets; once, before the first is sealed.
    func recordDataKeyCheck(_ check: [UInt8], at date: Date) throws
    /// Converts an issued entry: stores the personal login and details, destroys the sealed generic password.
    /// False when the entry was no longer issued (another registration won).
    func register(entry: UUID, _ registration: Registration) throws -> Bool
    /// Adds one to the entry's failures in a row and returns the new count.
    func countFailedSignIn(entry: UUID) throws -> Int
    func lock(entry: UUID, until date: Date) throws
    /// Gives an entry that is not withdrawn a new sealed temporary password valid until `expiresAt`: it is issued
    /// again, its personal password hash is cleared, its failures and lock too, and its unused first-login grants go.
    /// False when the entry is withdrawn (or gone).
    func reset(entry: UUID, sealedPassword: [UInt8], expiresAt: Date, at date: Date) throws -> Bool
    /// Moves the expiry of an entry that is still issued (a session's new end).
    func setExpiry(entry: UUID, to date: Date) throws
    /// Resets the failure count; records a personal sign-in's time and, when given, a stronger hash.
    func recordSuccessfulSignIn(entry: UUID, at date: Date?, passwordHash: String?) throws

    func insert(_ group: EntryGroup) throws
    /// Sets an entry's details and group (an import's update); nil details clear them.
    func updateDetails(entry: UUID, details: CandidateDetails?, groupID: UUID?, at date: Date) throws
    func insert(_ job: ImportJob) throws
    /// Stores a job's state, counts, times and failure.
    func update(_ job: ImportJob) throws
    func insert(_ row: ImportRow) throws
    /// Stores what became of a row: its outcome, error, entry and password source.
    func update(_ row: ImportRow) throws

    func insert(_ staff: StaffMember) throws
    /// Stores a member's role, institution, password hash, disabled time, failures and lock.
    func update(_ staff: StaffMember) throws
    /// Marks the member disabled and revokes their tokens.
    func disableStaff(id: UUID, at date: Date) throws
    /// Adds one to the member's failed sign-ins in a row and returns the new count.
    func countFailedStaffSignIn(id: UUID) throws -> Int
    func lockStaff(id: UUID, until date: Date) throws
    /// Clears the member's failures and lock after a good sign-in.
    func recordSuccessfulStaffSignIn(id: UUID) throws
    /// Revokes the member's tokens and stores a new one's digest.
    func replaceTokens(staff: UUID, digest: String, at date: Date) throws

    /// Stores a browser session's value (replacing any), keeping its expiry when `expiresAt` is nil and it had one.
    func saveWebSession(key: String, value: [UInt8], expiresAt: Date?) throws
    /// Stores a new browser session; false when the key is taken.
    func insertWebSession(key: String, value: [UInt8], expiresAt: Date?) throws -> Bool
    func deleteWebSession(key: String) throws

    func insert(_ grant: FirstLoginGrant) throws
    /// Marks a current, unused grant used; false when it was used, expired or never made.
    func useFirstLoginGrant(digest: String, at date: Date) throws -> Bool

    func insert(_ pending: PendingImport) throws
    /// Takes a checked roster out (an import runs it once): its sealed value, if it is current and was kept by
    /// this member for this session.
    func takePendingImport(digest: String, session: UUID, staff: UUID, at date: Date) throws -> [UInt8]?
    /// Deletes a member's checked rosters but the `keeping` newest; returns how many it deleted.
    func trimPendingImports(staff: UUID, keeping: Int) throws -> Int

    /// Deletes expired browser sessions, first-login grants and pending imports; returns how many.
    func deleteExpired(at date: Date) throws -> Int
}

/// What a store reports when a transaction cannot complete. Core turns it into its answer.
public enum StoreError: Error, Equatable, Sendable {
    /// The transaction lost a race with another writer and may succeed when run again (stores retry first).
    case retryable(String)
    /// A uniqueness rule refused the change.
    case duplicate(StoreConstraint)
    /// The database cannot be reached, or refuses this process (its own message, never a password).
    case unavailable(String)
    /// The database refused the change for another reason (its own message).
    case refused(String)
}

/// The uniqueness rules both stores enforce, by one name each.
public enum StoreConstraint: String, Sendable {
    case institutionCode = "institution_code"
    case entryNumber = "entry_number"
    case genericUsername = "entry_username"
    case personalUsername = "entry_personal_username"
    case requestKey = "batch_request_key"
    case groupName = "entry_group_name"
    case staffUsername = "staff_username"
    case webSession = "web_session_key"
    case other
}
