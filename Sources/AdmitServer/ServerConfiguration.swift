import Foundation
import NIOCore

/// How `admit serve` runs: where it listens, the address people type, and its limits.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The address people reach the server at; an https one makes cookies `Secure`.
    public var publicURL: URL?
    /// Sign-in posts one client address may make per minute to each sign-in form.
    public var signInsPerMinute: Int
    /// The largest request body read, in bytes.
    public var maxBodySize: Int
    /// The largest roster upload, in bytes.
    public var maxUploadSize: Int
    /// Addresses of reverse proxies whose `X-Forwarded-For` names the real client (for rate limits and logs).
    public var trustedProxies: Set<String>
    /// The most sign-ins and registrations waiting or running at once; past it the server answers 503.
    public var queueLimit: Int
    /// Addresses besides this machine's own that may read `/metrics` (a Prometheus server's).
    public var metricsAllowed: Set<String>
    /// The time the sign-in rate limit counts by (a test holds it still, so a slow machine refills no token).
    public var clock: @Sendable () -> Date

    /// About 4 s of work: a registration hashes for roughly 40 ms on one core, so a core clears some 25 a second.
    public static let defaultQueueLimit = 100 * System.coreCount

    public init(
        host: String = "127.0.0.1", port: Int = 8080, publicURL: URL? = nil, signInsPerMinute: Int = 120,
        maxBodySize: Int = 64 * 1024, maxUploadSize: Int = 32 << 20, trustedProxies: Set<String> = [],
        queueLimit: Int = defaultQueueLimit, metricsAllowed: Set<String> = [], clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.clock = clock
        self.host = host
        self.port = port
        self.publicURL = publicURL
        self.signInsPerMinute = signInsPerMinute
        self.maxBodySize = maxBodySize
        self.maxUploadSize = maxUploadSize
        self.trustedProxies = trustedProxies
        self.queueLimit = queueLimit
        self.metricsAllowed = metricsAllowed
    }

    var secureCookies: Bool { publicURL?.scheme?.lowercased() == "https" }
}
