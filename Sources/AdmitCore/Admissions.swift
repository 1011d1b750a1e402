import AdmitCrypto
import Foundation

/// Admit's operations: what the CLI and the web server call. Each operation is one store transaction
/// (an export reads in one and records its audit event in another).
public struct Admissions: Sendable {
    public let store: any Store
    /// Who acts, for the audit trail (`$USER` for the CLI, the staff member for the web).
    public internal(set) var actor: String
    let keys: KeyVault
    let random: any RandomSource
    let clock: @Sendable () -> Date
    /// The Argon2id setting for new personal passwords; weaker stored hashes are upgraded at sign-in.
    let hasher: PasswordHasher
    /// Called at each Argon2id verification a sign-in makes (tests count them: every refusal makes one).
    let passwordChecked: @Sendable () -> Void

    public init(
        store: any Store, dataKey: DataKeySource, actor: String, random: any RandomSource = SecureRandom(),
        hasher: PasswordHasher = .owasp, clock: @escaping @Sendable () -> Date = { Date() },
        passwordChecked: @escaping @Sendable () -> Void = {}
    ) {
        self.store = store
        self.actor = actor
        self.keys = KeyVault(source: dataKey, random: random)
        self.random = random
        self.clock = clock
        self.hasher = hasher
        self.passwordChecked = passwordChecked
    }

    /// The time as the operations see it (a test's fixed clock, or now).
    public var now: Date { clock() }

    func audit(_ action: AuditEvent.Action, session: UUID?, at date: Date, _ detail: AuditEvent.Detail) -> AuditEvent {
        AuditEvent(at: date, actor: actor, action: action, sessionID: session, detail: detail)
    }

    public func auditEvents(session: TestSession?) throws -> [AuditEvent] {
        try read { try $0.auditEvents(session: session?.id) }
    }
}

extension Admissions {
    /// One store transaction, with the store's errors turned into Admit's answers. A body that chooses a value
    /// it first checked is free (a personal username) runs again when another writer took that value meanwhile.
    func write<T>(retryingOn retried: Set<StoreConstraint> = [], _ body: (any StoreWriter) throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try store.write(body)
            } catch StoreError.duplicate(let constraint) where retried.contains(constraint) && attempt < 5 {
                attempt += 1
            } catch let error as StoreError {
                throw AdmitError(error)
            }
        }
    }

    /// One consistent snapshot of the store, with its errors turned into Admit's answers.
    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        do { return try store.read(body) } catch let error as StoreError { throw AdmitError(error) }
    }
}

extension AdmitError {
    /// The answer to a store error that no operation handled itself.
    init(_ error: StoreError) {
        switch error {
        case .retryable(let detail):
            self.init(.storage, .storeBusy, detail: detail)
        case .duplicate(let constraint):
            self.init(.conflict, .sameValueAtOnce(constraint))
        case .unavailable(let detail):
            self.init(.storage, .storeUnavailable, detail: detail)
        case .refused(let detail):
            self.init(.storage, .storeRefused, detail: detail)
        }
    }

    /// Any error from below as a refusal: Admit's own as it is, a file or key failure in its words, anything else
    /// as an unexpected failure whose description goes to the log only.
    public init(below error: any Error) {
        if let refusal = error as? AdmitError {
            self = refusal
        } else if let refusal = AdmitError(fileSystem: error) {
            self = refusal
        } else if let error = error as? CryptoError {
            self.init(.storage, .cryptography(error))
        } else {
            self.init(.storage, .unexpected, detail: String(describing: error))
        }
    }
}

extension StoreConstraint {
    /// What the rule keeps unique, in words.
    var subject: String {
        switch self {
        case .institutionCode: "institution ID"
        case .entryNumber: "entry number"
        case .genericUsername: "generic username"
        case .personalUsername: "personal username"
        case .requestKey: "request key"
        case .groupName: "group"
        case .staffUsername: "staff username"
        case .webSession: "browser session"
        case .other: "record"
        }
    }
}
