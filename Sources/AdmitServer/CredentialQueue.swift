import Foundation
import Metrics
import NIOConcurrencyHelpers

/// The credential work of one server, bounded: at most `limit` sign-ins and registrations waiting or running on
/// the credential pool. Past it a job is refused at once (`Full`, answered 503 with `Retry-After`) instead of
/// queued, so a wave larger than the server can hash in a few seconds is told to come back rather than left
/// waiting until the browser or the proxy gives up.
public final class CredentialQueue: Sendable {
    public let limit: Int
    private let depth = NIOLockedValueBox(0)
    private let depthGauge = Gauge(label: "admit_credential_queue_depth")
    private let refusals = Counter(label: "admit_credential_queue_full_total")

    public init(limit: Int) {
        self.limit = max(1, limit)
        Gauge(label: "admit_credential_queue_limit").record(self.limit)
        depthGauge.record(0)
    }

    /// Thrown instead of queueing past the limit.
    struct Full: Error {
        /// A few seconds, at random: a hall turned away together does not come back together.
        var retryAfter = Int.random(in: 2...6)
    }

    /// Runs `body` on the credential pool, or throws `Full` at once when the queue is full.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        guard enter() else {
            refusals.increment()
            throw Full()
        }
        defer { leave() }
        return try await credentialPool.runIfActive(body)
    }

    /// For tests: fills every free place with a job that waits on the pool while `held()` is true (looked at
    /// every 20 ms), so that the answers of a full queue can be seen; the task ends when they have all left.
    @discardableResult
    public func holdFull(while held: @escaping @Sendable () -> Bool) -> Task<Void, Never> {
        var taken = 0
        while enter() { taken += 1 }
        return Task {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<taken {
                    group.addTask {
                        _ = try? await credentialPool.runIfActive { while held() { usleep(20_000) } }
                        self.leave()
                    }
                }
            }
        }
    }

    private func enter() -> Bool {
        depth.withLockedValue { depth in
            guard depth < limit else { return false }
            depth += 1
            depthGauge.record(depth)
            return true
        }
    }

    private func leave() {
        depth.withLockedValue { depth in
            depth -= 1
            depthGauge.record(depth)
        }
    }
}
