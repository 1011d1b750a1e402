import Foundation
import Hummingbird
import NIOConcurrencyHelpers

/// Limits sign-in posts per client address (a token bucket per address), answering 429 with `Retry-After`.
/// Hand-written: Hummingbird has no rate limiter.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = AdmitRequestContext
    let limiter: RateLimiter
    let clients: ClientAddress
    /// The sign-in forms' paths, each with its own count; other requests pass untouched.
    let paths: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, paths.contains(request.uri.path) else { return try await next(request, context) }
        if let wait = limiter.take("\(request.uri.path) \(clients.of(request, context))") { throw RateLimited(retryAfter: Int(wait.rounded(.up))) }
        return try await next(request, context)
    }
}

/// Thrown when a client is over its limit; the error middleware answers 429.
struct RateLimited: Error {
    var retryAfter: Int
}

/// `perMinute` tokens per client, refilled continuously; a full bucket allows a burst of `perMinute`.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private let perMinute: Double
    private let clock: @Sendable () -> Date
    private let buckets = NIOLockedValueBox([String: Bucket]())

    init(perMinute: Int, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.perMinute = Double(max(1, perMinute))
        self.clock = clock
    }

    /// Takes a token for `client`: nil when allowed, else the seconds until the next token.
    func take(_ client: String) -> TimeInterval? {
        let now = clock()
        return buckets.withLockedValue { buckets in
            if buckets.count > 10_000 { buckets = buckets.filter { now.timeIntervalSince($0.value.updated) < 60 } }
            var bucket = buckets[client] ?? Bucket(tokens: perMinute, updated: now)
            bucket.tokens = min(perMinute, bucket.tokens + now.timeIntervalSince(bucket.updated) * perMinute / 60)
            bucket.updated = now
            defer { buckets[client] = bucket }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) * 60 / perMinute }
            bucket.tokens -= 1
            return nil
        }
    }
}
