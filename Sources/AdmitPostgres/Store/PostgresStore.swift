import AdmitCore
import Foundation

/// The store for several servers: one PostgreSQL database through a pool of libpq connections.
///
/// Writes run SERIALIZABLE and are run again when they lose a race with another writer (the store contract
/// makes `write` bodies safe to run again); reads run in one REPEATABLE READ snapshot.
public struct PostgresStore: Store {
    let pool: PGPool
    let metrics: PostgresStoreMetrics
    /// Held by a write in its later rounds (see `transaction`).
    let contended = NSLock()
    /// The connection string without its password, for messages.
    let name: String

    /// Connects (a pool of `connections`, made as they are needed), brings the schema up to date and returns.
    public static func open(uri: String, connections: Int) throws -> PostgresStore {
        let name = describe(uri)
        guard connections >= 1 else {
            throw AdmitError(.invalidInput, .tooFewConnections(connections))
        }
        let pool = PGPool(uri: uri, size: connections)
        let outcome: PostgresSchema.Outcome
        do {
            outcome = try pool.withConnection(PostgresSchema.migrate(on:))
        } catch let error as PGError where error.isConnectionFailure {
            // libpq's "connection to server … failed: FATAL: database "x" does not exist": a mistyped name, most likely.
            if let missing = error.message.firstMatch(of: /database "([^"]*)" does not exist/) {
                throw AdmitError(
                    .storage, .databaseMissing(database: "PostgreSQL database \"\(missing.1)\"", address: name, create: "createdb \(missing.1)"))
            }
            throw AdmitError(.storage, .cannotConnect(database: "the PostgreSQL database \(name)", cause: error.message))
        } catch let error as PGError {
            throw AdmitError(.storage, .databaseUnusable(database: "the PostgreSQL database \(name)", cause: error.message))
        }
        if outcome == .newer {
            throw AdmitError(.storage, .databaseNewer(database: "the PostgreSQL database \(name)", latest: PostgresSchema.latest))
        }
        let store = PostgresStore(pool: pool, metrics: PostgresStoreMetrics(), name: name)
        store.metrics.record(pool)
        return store
    }

    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try transaction(readOnly: true) { try body(PostgresTransaction(db: $0)) }
    }

    public func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T {
        try transaction(readOnly: false) { try body(PostgresTransaction(db: $0)) }
    }

    /// The pool's transaction (retried on serialization failures and deadlocks), its errors as the store's.
    ///
    /// A write the pool gave up on has lost its race ten times: a hot spot, as when many servers register
    /// candidates of one name, who all read and take usernames of one range, one of them committing per round.
    /// It gets more rounds, run one at a time in this process, so that this server's losers no longer race
    /// each other, only the other servers'.
    func transaction<T>(readOnly: Bool, _ body: (PGConnection) throws -> T) throws -> T {
        defer { metrics.record(pool) }
        var round = 1
        while true {
            do {
                return try round == 1 ? attempt(readOnly: readOnly, body) : contended.withLock { try attempt(readOnly: readOnly, body) }
            } catch let error as PGError where error.isRetryable && !readOnly && round < Self.writeRounds {
                round += 1
                metrics.countRetry()
            } catch let error as PGError {
                throw Self.storeError(error)
            }
        }
    }

    /// Rounds of the pool's retried transaction a write gets.
    static let writeRounds = 3

    private func attempt<T>(readOnly: Bool, _ body: (PGConnection) throws -> T) throws -> T {
        try pool.transaction(readOnly: readOnly) { db in
            metrics.record(pool)
            return try body(db)
        }
    }

    /// What Core hears of a PostgreSQL error. The message is the server's primary one, never its detail line
    /// (which quotes the row's values).
    static func storeError(_ error: PGError) -> StoreError {
        if error.code == .uniqueViolation {
            return .duplicate(error.constraint.flatMap(StoreConstraint.init(rawValue:)) ?? .other)
        }
        // The pool, then the store's later rounds, have run it as many times as they run anything.
        if error.isRetryable { return .retryable(error.message) }
        if error.isConnectionFailure { return .unavailable(error.message) }
        return .refused(error.message)
    }
}
