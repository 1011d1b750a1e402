import Foundation

/// Where Admit keeps its records. Each `read` or `write` call is one transaction: a `write` whose body
/// throws changes nothing. Core's operations are written against these protocols and know no SQL.
public protocol AdmitStore: Sendable {
    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T
    func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T
}

public protocol StoreReader {
    func institution(code: String) throws -> Institution?
    func institutions() throws -> [Institution]

    func session(id: UUID) throws -> TestSession?
    func sessions(named name: String) throws -> [TestSession]
    /// Sessions whose name contains `search` (any case), newest first; all of them when nil.
    func sessions(search: String?) throws -> [TestSession]

    func batch(requestKey: String) throws -> Batch?

    /// Calls `body` for each matching entry of the session in entry-number order, streaming from the store.
    func forEachEntry(session: UUID, filter: EntryFilter, now: Date, _ body: (Entry) throws -> Void) throws
    func entryCount(session: UUID, filter: EntryFilter, now: Date) throws -> Int
    func entries(ids: [UUID]) throws -> [Entry]
    /// Those of `usernames` that a generic login anywhere in the installation has, or that a personal username
    /// of the institution reads as (sign-in could not tell them apart).
    func takenUsernames(_ usernames: [String], institution: String) throws -> Set<String>
    func entry(institution: String, genericUsername: String) throws -> Entry?
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
    /// A job's rows in file order.
    func importRows(job: UUID) throws -> [ImportRow]

    func staff(username: String) throws -> StaffMember?
    func staff(id: UUID) throws -> StaffMember?
    /// The member whose live API token has this SHA-256 digest.
    func staff(tokenDigest: String) throws -> StaffMember?
    func staffMembers() throws -> [StaffMember]
}

public protocol StoreWriter: StoreReader {
    func insert(_ institution: Institution) throws
    func insert(_ session: TestSession) throws
    func insert(_ batch: Batch) throws
    func insert(_ entry: Entry) throws
    /// The next free entry number in a session.
    func nextEntryNumber(session: UUID) throws -> Int
    /// Moves an entry from `state` to withdrawn and destroys its sealed secret; false when it was not in `state`.
    func withdraw(entry: UUID, from state: EntryState, at date: Date) throws -> Bool
    func append(_ event: AuditEvent) throws
    /// Records which data key seals the secrets; once, before the first is sealed.
    func recordDataKeyCheck(_ check: [UInt8], at date: Date) throws
    /// Converts an issued entry: stores the personal login and details, destroys the sealed generic password.
    /// False when the entry was no longer issued (another registration won).
    func register(entry: UUID, _ registration: Registration) throws -> Bool
    func recordFailedSignIn(entry: UUID, failedAttempts: Int, lockedUntil: Date?) throws
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
    /// Marks the member disabled and revokes their tokens.
    func disableStaff(id: UUID, at date: Date) throws
    /// Stores a staff sign-in's outcome: the failures in a row and the lock they earn.
    func recordStaffSignIn(id: UUID, failedAttempts: Int, lockedUntil: Date?) throws
    /// Revokes the member's tokens and stores a new one's digest.
    func replaceTokens(staff: UUID, digest: String, at date: Date) throws
}
