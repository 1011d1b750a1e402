import Foundation

/// How `admit serve` runs: where it listens, the address people type, and its limits.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The address people reach the server at; an https one makes cookies `Secure`.
    public var publicURL: URL?
    /// Sign-in posts one client address may make per minute (candidate and staff forms each).
    public var signInsPerMinute: Int
    /// The largest request body read, in bytes.
    public var maxBodySize: Int
    /// The largest roster upload, in bytes.
    public var maxUploadSize: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, publicURL: URL? = nil, signInsPerMinute: Int = 60,
                maxBodySize: Int = 64 * 1024, maxUploadSize: Int = 32 << 20) {
        self.host = host
        self.port = port
        self.publicURL = publicURL
        self.signInsPerMinute = signInsPerMinute
        self.maxBodySize = maxBodySize
        self.maxUploadSize = maxUploadSize
    }

    var secureCookies: Bool { publicURL?.scheme?.lowercased() == "https" }
}
