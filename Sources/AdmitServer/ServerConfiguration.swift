import Foundation

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

    public init(host: String = "127.0.0.1", port: Int = 8080, publicURL: URL? = nil, signInsPerMinute: Int = 120,
                maxBodySize: Int = 64 * 1024, maxUploadSize: Int = 32 << 20, trustedProxies: Set<String> = []) {
        self.host = host
        self.port = port
        self.publicURL = publicURL
        self.signInsPerMinute = signInsPerMinute
        self.maxBodySize = maxBodySize
        self.maxUploadSize = maxUploadSize
        self.trustedProxies = trustedProxies
    }

    var secureCookies: Bool { publicURL?.scheme?.lowercased() == "https" }
}
