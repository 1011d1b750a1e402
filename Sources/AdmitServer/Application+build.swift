import AdmitCore
import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import NIOCore

/// The whole web application: `admit serve` runs it, the tests drive its router. One function builds both.
/// `credentials` defaults to a queue of `configuration.queueLimit`; a test passes its own to hold it full.
public func buildApplication(
    _ configuration: ServerConfiguration, admissions: Admissions, logger: Logger,
    credentials: CredentialQueue? = nil,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let sessions = StorePersistDriver(admissions: admissions)
    let router = try await buildRouter(
        configuration, admissions: admissions, sessionStorage: sessions,
        credentials: credentials ?? CredentialQueue(limit: configuration.queueLimit))
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Admit"),
        services: [sessions],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// Runs the application until SIGTERM or SIGINT; an address that cannot be listened on is one sentence.
public func run(_ app: some ApplicationProtocol, _ configuration: ServerConfiguration) async throws {
    do {
        try await app.runService()
    } catch let error as IOError {
        let problem: ListenProblem =
            switch error.errnoCode {
            case EADDRINUSE: .inUse
            case EACCES: .notAllowed
            case EADDRNOTAVAIL: .noSuchAddress
            default: .other(errno: error.errnoCode)
            }
        throw AdmitError(.invalidInput, .cannotListen(address: "\(configuration.host):\(configuration.port)", problem))

    }
}

/// The routes and middleware, in order: outermost the request metrics (by route pattern and status), the
/// request log, headers and error pages; then one spelling of each path, the body limit and the sign-in rate
/// limit; then per group the browser session, staff authentication and CSRF checks.
func buildRouter(
    _ configuration: ServerConfiguration, admissions: Admissions, sessionStorage: any PersistDriver,
    credentials: CredentialQueue
) async throws -> Router<AdmitRequestContext> {
    let pages = try await Pages.load()
    let files = try StaticFiles.load()
    // HEAD answers as GET does (status and headers), for every page.
    let router = Router(context: AdmitRequestContext.self, options: .autoGenerateHeadEndpoints)
    let clients = ClientAddress(trustedProxies: configuration.trustedProxies)
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: RequestLogMiddleware(clients: clients))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware(pages: pages))
    router.add(middleware: CanonicalPathMiddleware())
    router.add(middleware: BodyLimitMiddleware(maxSize: configuration.maxBodySize, maxUploadSize: configuration.maxUploadSize))
    router.add(
        middleware: RateLimitMiddleware(
            limiter: RateLimiter(perMinute: configuration.signInsPerMinute, clock: configuration.clock), clients: clients,
            paths: ["/signin", "/staff/signin"]))

    router.get("/healthz") { _, _ in
        try await blocking { [admissions] in _ = try admissions.institutions() }
        return Response(
            status: .ok, headers: [.contentType: "text/plain", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
    }
    MetricsRoutes(allowed: configuration.metricsAllowed, clients: clients).register(on: router)
    router.get("/static/{file}") { _, context in try files.asset(context.parameters.require("file")) }
    router.get("/api/v1/openapi.json") { _, _ in try files.response(for: "openapi.json") }

    let cookie = SessionCookieParameters(
        name: configuration.secureCookies ? "__Host-admit" : "admit", path: "/",
        secure: configuration.secureCookies, sameSite: .strict)
    let sessions = SessionStorage<WebSession>(sessionStorage, configuration: .init(sessionCookieParameters: cookie))
    let web = router.group().add(middleware: SessionRotationMiddleware(storage: sessions, cookieName: cookie.name))
        .add(middleware: SessionMiddleware(sessionStorage: sessions))
    let forms = web.group().add(middleware: CSRFMiddleware(secureCookies: configuration.secureCookies))
    CandidateRoutes(admissions: admissions, pages: pages, credentials: credentials).register(on: forms.group().add(middleware: LanguageMiddleware()))
    let staffRoutes = StaffRoutes(admissions: admissions, pages: pages, credentials: credentials)
    staffRoutes.registerSignIn(on: forms)
    // Authentication before the CSRF check: an anonymous post is turned away before its body is read.
    let staff = web.group("/staff").add(middleware: StaffAuthMiddleware(admissions: admissions))
        .add(middleware: CSRFMiddleware(secureCookies: configuration.secureCookies))
    staffRoutes.register(on: staff)
    ImportRoutes(admissions: admissions, pages: pages).register(on: staff)

    APIRoutes(admissions: admissions).register(on: router.group("/api/v1").add(middleware: BearerAuthMiddleware(admissions: admissions)))
    return router
}
