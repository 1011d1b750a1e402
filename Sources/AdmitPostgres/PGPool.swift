import CLibPQ
import Foundation

/// Up to `size` connections to one database, shared by synchronous threads: each takes a connection for as
/// long as a closure runs, waiting when all are taken.
///
/// Connections are made when first needed, not up front. One comes back to the pool only as it went out, idle
/// and connected; a broken one is dropped (a new one is made in its place when next needed), and with it every
/// idle one: a lost connection usually means a restarted or failed-over server, whose other connections are
/// gone too and would each cost a failed attempt to find out.
///
/// `withConnection` must not be called again inside its own closure on the same pool: with every connection
/// taken, the inner call would wait for the outer one forever.
public final class PGPool: @unchecked Sendable {  // Sendable: all mutable state is guarded by `condition`.
    public let size: Int
    private let connectionString: String
    private let condition = NSCondition()
    private var idle: [PGConnection] = []
    private var counters = Statistics()

    /// What a metrics exporter reads.
    public struct Statistics: Sendable, Equatable {
        /// Connections made and not dropped: in use or idle.
        public var connectionsOpen = 0
        public var connectionsInUse = 0
        /// How many times a caller found every connection in use and waited (since the pool was made).
        public var waits = 0
        /// How many times a transaction ran again after a retryable failure.
        public var retries = 0
        /// Connections dropped as broken (or left mid-transaction).
        public var connectionsDropped = 0

        public init() {}
    }

    /// `uri` as `PGConnection(uri:)` takes it; `size` at least 1.
    public init(uri: String, size: Int) {
        precondition(size >= 1, "a pool of \(size) connections")
        self.connectionString = uri
        self.size = size
    }

    public var statistics: Statistics {
        condition.lock()
        defer { condition.unlock() }
        return counters
    }

    /// Runs `body` with a connection of its own, waiting for one if all `size` are in use. A connection failure
    /// while connecting is thrown as it is: it is not retried here.
    public func withConnection<T>(_ body: (PGConnection) throws -> T) throws -> T {
        let connection = try checkOut()
        defer { checkIn(connection) }
        return try body(connection)
    }

    func countRetry() {
        condition.lock()
        counters.retries += 1
        condition.unlock()
    }

    private func checkOut() throws -> PGConnection {
        condition.lock()
        var waited = false
        while idle.isEmpty && counters.connectionsOpen >= size {
            if !waited { counters.waits += 1 }
            waited = true
            condition.wait()
        }
        counters.connectionsInUse += 1
        // The most recently used connection first: the others can stay idle (and be closed by the server).
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        // Its place is taken before connecting, outside the lock: connecting takes a round trip or several.
        counters.connectionsOpen += 1
        condition.unlock()
        do {
            return try PGConnection(uri: connectionString)
        } catch {
            condition.lock()
            counters.connectionsOpen -= 1
            counters.connectionsInUse -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func checkIn(_ connection: PGConnection) {
        let healthy = PGPool.makeIdle(connection)
        condition.lock()
        counters.connectionsInUse -= 1
        var stale: [PGConnection] = []
        if healthy {
            idle.append(connection)
        } else {
            stale = idle
            idle.removeAll()
            counters.connectionsOpen -= 1 + stale.count
            counters.connectionsDropped += 1 + stale.count
        }
        // One connection back wakes one waiter; a flush frees several places.
        if healthy { condition.signal() } else { condition.broadcast() }
        condition.unlock()
        // Closed here, outside the lock (`PQfinish` on their deinit), when the last references go.
        stale.removeAll()
    }

    /// Whether the connection can serve the next caller: connected and outside any transaction, which a body
    /// that threw in the middle of one is rolled back from.
    private static func makeIdle(_ connection: PGConnection) -> Bool {
        if connection.isBroken { return false }
        switch connection.transactionStatus {
        case PQTRANS_IDLE:
            return true
        case PQTRANS_INTRANS, PQTRANS_INERROR:
            return (try? connection.execute("ROLLBACK")) != nil
        default:
            // A statement still running (a COPY left open), or a status libpq cannot tell.
            return false
        }
    }
}
