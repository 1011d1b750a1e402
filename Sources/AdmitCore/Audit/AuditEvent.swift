import Foundation

/// Who did what, when, to which entries. Built from named fields only, so no secret can slip in.
public struct AuditEvent: Codable, Equatable, Sendable {
    public enum Action: String, Codable, Sendable {
        case institutionAdded = "institution.add"
        case sessionCreated = "session.create"
        case sessionUpdated = "session.update"
        case batchCreated = "batch.create"
        /// A new batch whose files could not be written is removed again: nobody has seen its passwords.
        case batchRemoved = "batch.remove"
        case entriesExported = "entries.export"
        case entriesWithdrawn = "entries.withdraw"
        /// Failures and lock cleared by a coordinator.
        case entriesUnlocked = "entries.unlock"
        /// New temporary passwords given; the record names the files their sheet is written to (never the passwords).
        case entriesReset = "entries.reset"
        case signedIn = "signin.success"
        case signInFailed = "signin.failure"
        case lockedOut = "signin.lockout"
        case registered = "entry.register"
        case importStarted = "import.start"
        case importCommitted = "import.commit"
        case importFinished = "import.finish"
        case importFilesWritten = "import.files"
        case staffAdded = "staff.add"
        case staffDisabled = "staff.disable"
        case staffEnabled = "staff.enable"
        case staffUnlocked = "staff.unlock"
        case staffPasswordSet = "staff.password"
        case staffRoleChanged = "staff.role"
        case staffTokenIssued = "staff.token"
        case staffSignedIn = "staff.signin"
        case staffSignInFailed = "staff.signin.failure"
    }

    /// The facts an event records; every field is an identifier, a count or a file name.
    public struct Detail: Codable, Equatable, Sendable {
        public var batch: UUID?
        public var job: UUID?
        public var count: Int?
        /// The entries one by one, when a person named them (withdrawal, sign-in).
        public var entries: [UUID]?
        /// The entries as number ranges within the session (a batch, an export).
        public var numbers: String?
        public var files: [String]?
        public var filter: String?
        public var name: String?
        /// Why a sign-in was refused: never the typed password or username.
        public var reason: String?

        public init(
            batch: UUID? = nil, job: UUID? = nil, count: Int? = nil, entries: [UUID]? = nil, numbers: String? = nil, files: [String]? = nil,
            filter: String? = nil, name: String? = nil, reason: String? = nil
        ) {
            self.batch = batch
            self.job = job
            self.count = count
            self.entries = entries
            self.numbers = numbers
            self.files = files
            self.filter = filter
            self.name = name
            self.reason = reason
        }
    }

    public var at: Date
    public var actor: String
    public var action: Action
    public var sessionID: UUID?
    public var detail: Detail

    public init(at: Date, actor: String, action: Action, sessionID: UUID?, detail: Detail) {
        self.at = at
        self.actor = actor
        self.action = action
        self.sessionID = sessionID
        self.detail = detail
    }

    enum CodingKeys: String, CodingKey {
        case at, actor, action, detail
        case sessionID = "session"
    }
}
