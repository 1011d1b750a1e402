import Foundation
import Metrics

/// The pool's figures through swift-metrics: retries and waits as counters, connections as gauges. They record
/// nowhere until the server bootstraps a metrics backend, which it does before opening the store.
final class PostgresStoreMetrics: @unchecked Sendable {  // Sendable: `reported` is only touched under `lock`.
    private let retries = Counter(label: "admit_store_retries_total")
    private let waits = Counter(label: "admit_store_pool_waits_total")
    private let open = Gauge(label: "admit_store_connections_open")
    private let inUse = Gauge(label: "admit_store_connections_in_use")
    private let lock = NSLock()
    /// The pool's counts as last passed on: the pool counts since it was made, a counter takes increments.
    private var reported = PGPool.Statistics()

    /// A retry the store made itself, beyond the pool's.
    func countRetry() { retries.increment() }

    func record(_ pool: PGPool) {
        // Read under the lock, so that two threads cannot pass on the same increment twice.
        let (now, newRetries, newWaits) = lock.withLock {
            let now = pool.statistics
            defer { reported = now }
            return (now, now.retries - reported.retries, now.waits - reported.waits)
        }
        if newRetries > 0 { retries.increment(by: newRetries) }
        if newWaits > 0 { waits.increment(by: newWaits) }
        open.record(now.connectionsOpen)
        inUse.record(now.connectionsInUse)
    }
}
