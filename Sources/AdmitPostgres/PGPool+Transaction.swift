import CLibPQ
import Foundation

extension PGPool {
    /// How many times `transaction` runs its body before giving up on a retryable failure.
    public static let maximumAttempts = 10

    /// Runs `body` in a transaction on a connection of the pool and commits it.
    ///
    /// Writes run SERIALIZABLE: as if one after another, PostgreSQL failing one of two that conflict (40001)
    /// or deadlock (40P01). Reads run REPEATABLE READ READ ONLY: one snapshot for the whole body, never blocked
    /// and never failed by writers. An error rolls the transaction back and is rethrown; a retryable one, raised
    /// by the body's statements or by COMMIT, runs the whole body again on a fresh transaction, after a short
    /// random pause, up to `maximumAttempts` times. `body` must therefore be safe to run again: touch only the
    /// database, keep what it learns in what it returns.
    ///
    /// A lost connection is retried on a new connection when nothing can have been committed: anywhere in a
    /// read; in a write, anywhere before COMMIT is sent (the server commits only on COMMIT, and a transaction
    /// whose connection is gone is rolled back). A write whose connection is lost during COMMIT may have
    /// committed; it is not run again and throws `transactionResolutionUnknown` (08007), for the caller to
    /// check what happened (a request key, an idempotent next step) rather than write twice.
    ///
    /// `body` must leave the transaction open (no COMMIT or ROLLBACK of its own). A statement error it catches
    /// and does not rethrow still fails the transaction (PostgreSQL aborts it): that error is thrown at the end
    /// instead of a COMMIT that would silently roll back — and retried if retryable. Use a SAVEPOINT to go on
    /// after a failed statement.
    public func transaction<T>(readOnly: Bool, _ body: (PGConnection) throws -> T) throws -> T {
        var generator = SystemRandomNumberGenerator()
        var attempt = 1
        while true {
            do {
                return try withConnection { try PGPool.runTransaction(on: $0, readOnly: readOnly, body) }
            } catch let error as PGError where attempt < PGPool.maximumAttempts && PGPool.mayRunAgain(after: error) {
                countRetry()
                // A pause of up to 1, 2, 4 … 32 ms, random so that the two that collided do not collide again.
                let ceiling = 1 << min(attempt - 1, 5)
                Thread.sleep(forTimeInterval: Double(Int.random(in: 0...ceiling * 1000, using: &generator)) / 1_000_000)
                attempt += 1
            }
        }
    }

    /// A serialization failure or deadlock; or a lost connection, unless lost during a write's COMMIT (08007) or
    /// never made (08001: a server that refused a connection is unlikely to take one a few milliseconds later).
    static func mayRunAgain(after error: PGError) -> Bool {
        if error.isRetryable { return true }
        return error.isConnectionFailure
            && error.code != .transactionResolutionUnknown && error.code != .sqlclientUnableToEstablishSqlconnection
    }

    private static func runTransaction<T>(on connection: PGConnection, readOnly: Bool, _ body: (PGConnection) throws -> T)
        throws -> T
    {
        connection.lastError = nil
        try connection.execute(
            readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN ISOLATION LEVEL SERIALIZABLE")
        // A failure from here on leaves the connection mid-transaction; the pool rolls it back when it returns.
        let value: T
        do {
            value = try body(connection)
        } catch let error where !(error is PGError) {
            // A body that turned the server's error into one of its own (a store's error type) still gets the
            // retry the server's error calls for (and, should the attempts run out, that error).
            if let cause = connection.lastError, cause.isRetryable || cause.isConnectionFailure,
                connection.isBroken || connection.transactionStatus == PQTRANS_INERROR
            {
                throw cause
            }
            throw error
        }
        switch connection.transactionStatus {
        case PQTRANS_INTRANS:
            break
        case PQTRANS_INERROR:
            throw connection.lastError ?? PGError(code: .inFailedSqlTransaction, message: "the transaction failed")
        default:
            // A connection failure the body caught, or a body that ended its transaction itself.
            if connection.isBroken {
                throw connection.lastError ?? PGError(code: .connectionFailure, message: "the connection was lost")
            }
            preconditionFailure("a transaction body ended its transaction itself")
        }
        do {
            try connection.execute("COMMIT")
        } catch let error as PGError where error.isConnectionFailure && !readOnly {
            throw PGError(
                code: .transactionResolutionUnknown,
                message:
                    "the connection was lost during COMMIT, so the transaction may or may not have committed: \(error.message)")
        }
        return value
    }
}
