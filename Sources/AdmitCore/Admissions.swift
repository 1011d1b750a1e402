import AdmitCrypto
import Foundation

/// Admit's operations: what the CLI and the web server call. Each operation is one store transaction
/// (an export reads in one and records its audit event in another).
public struct Admissions: Sendable {
    public let store: any AdmitStore
    /// Who acts, for the audit trail (`$USER` for the CLI, the staff member for the web).
    public internal(set) var actor: String
    let keys: KeyVault
    let random: any RandomSource
    let clock: @Sendable () -> Date
    /// The Argon2id setting for new personal passwords; weaker stored hashes are upgraded at sign-in.
    let hasher: PasswordHasher

    public init(store: any AdmitStore, dataKey: DataKeySource, actor: String, random: any RandomSource = SecureRandom(),
                hasher: PasswordHasher = .owasp, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.actor = actor
        self.keys = KeyVault(source: dataKey, random: random)
        self.random = random
        self.clock = clock
        self.hasher = hasher
    }

    func audit(_ action: AuditEvent.Action, session: UUID?, at date: Date, _ detail: AuditEvent.Detail) -> AuditEvent {
        AuditEvent(at: date, actor: actor, action: action, sessionID: session, detail: detail)
    }

    public func auditEvents(session: TestSession?) throws -> [AuditEvent] {
        try store.read { try $0.auditEvents(session: session?.id) }
    }
}
