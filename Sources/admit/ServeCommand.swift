import AdmitCore
import AdmitServer
import ArgumentParser
import Foundation
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the web server: candidate pages at /, staff pages at /staff, the JSON API at /api/v1.",
        discussion:
            "Stops gracefully on SIGTERM or SIGINT (requests in flight finish). GET /healthz answers \"ok\" while the database opens; GET /metrics answers Prometheus (this machine and --metrics-allow only). Logs one line per request on stderr (LOG_LEVEL=debug for more); no secret is ever logged."
    )

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on (0: any free port, printed at start).") var port = 8080
    @Option(help: ArgumentHelp("The address people type, e.g. https://exams.example.org/ (https makes cookies Secure).", valueName: "url"))
    var publicUrl: String?
    @Option(help: "Sign-in posts allowed per client address per minute, for each sign-in form (raise it for a hall behind one NAT address).")
    var signInsPerMinute = 120
    @Option(help: ArgumentHelp("A reverse proxy's address whose X-Forwarded-For names the client (repeatable).", valueName: "address"))
    var trustedProxy: [String] = []
    @Option(
        help: ArgumentHelp(
            "The most sign-ins and registrations waiting or running at once; past it the server answers 503 with Retry-After (default: 100 per core, about 4 s of work).",
            valueName: "n"))
    var queueLimit: Int?
    @Option(
        help: ArgumentHelp(
            "An address besides this machine's own that may read /metrics, e.g. the Prometheus server's (repeatable).", valueName: "address"))
    var metricsAllow: [String] = []
    @OptionGroup var options: StoreOptions

    func run() async throws {
        // First: a metric the store makes before this records nowhere.
        MetricsExport.bootstrap()
        let publicURL = try publicUrl.map { URL(string: try TestSession.validatedSignInURL($0))! }
        guard (0...65535).contains(port) else { throw CommandError("the port must be from 0 to 65535") }
        guard signInsPerMinute >= 1 else { throw CommandError("--sign-ins-per-minute must be at least 1") }
        guard queueLimit.map({ $0 >= 1 }) ?? true else { throw CommandError("--queue-limit must be at least 1") }
        let configuration = ServerConfiguration(
            host: host, port: port, publicURL: publicURL, signInsPerMinute: signInsPerMinute,
            trustedProxies: Set(trustedProxy),
            queueLimit: queueLimit ?? ServerConfiguration.defaultQueueLimit, metricsAllowed: Set(metricsAllow))
        var logger = Logger(label: "admit")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        // One connection for each thread that runs Core: the shared blocking pool and the credential pool, a core each.
        let admissions = try options.admissions(connections: 2 * ProcessInfo.processInfo.activeProcessorCount + 2)
        let host = self.host
        let credentials = CredentialQueue(limit: configuration.queueLimit)
        // For the browser tests only: while this file exists the queue is held full, so a page can be seen answered busy.
        if let file = ProcessInfo.processInfo.environment["ADMIT_TEST_HOLD_QUEUE_WHILE"], !file.isEmpty {
            credentials.holdFull { access(file, F_OK) == 0 }
        }
        let app = try await buildApplication(configuration, admissions: admissions, logger: logger, credentials: credentials) { port in
            Console.error("Admit is serving on http://\(host):\(port)/ (staff: /staff, API: /api/v1). Stop with Ctrl-C.")
        }
        try await AdmitServer.run(app, configuration)
    }
}
