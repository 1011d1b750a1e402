import AdmitCore
import AdmitServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOConcurrencyHelpers
import Testing

/// A full credential queue is an answer, not a wait: 503 with `Retry-After` at once, a busy page in the
/// candidate's language that leads back to the form, a staff error page; once the queue drains, the same post works.
@Suite struct OverloadTests {
    @Test func aFullQueueAnswers503AndTheSamePostWorksOnceItDrains() async throws {
        let server = try Server(ServerConfiguration(queueLimit: 1))
        let slips = try server.slips(2)
        let queue = CredentialQueue(limit: server.configuration.queueLimit)
        try await server.run(credentials: queue) { client in
            // The second candidate reached the registration form before the wave.
            var second = Browser(client)
            _ = try await second.get("/")
            #expect(try await second.post("/signin", CandidateTests.signInFields(slips[1])).location == "/register")
            _ = try await second.get("/register")

            let held = NIOLockedValueBox(true)
            let hold = queue.holdFull { held.withLockedValue { $0 } }

            var english = Browser(client)
            _ = try await english.get("/")
            let busy = try await english.post("/signin", CandidateTests.signInFields(slips[0]))
            #expect(busy.status == .serviceUnavailable)
            let retryAfter = try #require(busy.headers[.retryAfter].flatMap(Int.init))
            #expect((2...6).contains(retryAfter))
            #expect(busy.text.contains("<h1>The server is busy</h1>"))
            // Without JavaScript the page goes back to the form, filled in as the slip's link fills it.
            let back = "/?institution=GB042&amp;username=\(slips[0].username)"
            #expect(busy.text.contains(#"<meta http-equiv="refresh" content="\#(retryAfter);url=\#(back)">"#))
            #expect(busy.text.contains(#"<a href="\#(back)">"#))
            #expect(!busy.text.contains(slips[0].password!), "never a password in the page")
            #expect(busy.headers[.cacheControl] == "no-store")

            var spanish = Browser(client)
            spanish.extraHeaders[.acceptLanguage] = "es-ES,es;q=0.9"
            _ = try await spanish.get("/")
            let ocupado = try await spanish.post("/signin", CandidateTests.signInFields(slips[0]))
            #expect(ocupado.status == .serviceUnavailable && ocupado.headers[.retryAfter] != nil)
            #expect(ocupado.text.contains(#"<html lang="es">"#) && ocupado.text.contains("<h1>El servidor está ocupado</h1>"))

            let registration = [
                ("givenName", "Ana"), ("familyName", "Lima"),
                ("newPassword", CandidateTests.newPassword), ("confirmPassword", CandidateTests.newPassword),
            ]
            let busyRegistration = try await second.post("/register", registration)
            #expect(busyRegistration.status == .serviceUnavailable && busyRegistration.headers[.retryAfter] != nil)
            #expect(busyRegistration.text.contains(#"url=/register">"#))
            #expect(!busyRegistration.text.contains(CandidateTests.newPassword))

            var staff = Browser(client)
            _ = try await staff.get("/staff")
            let staffBusy = try await staff.post("/staff/signin", [("username", Server.coordinator), ("password", Server.staffPassword)])
            #expect(staffBusy.status == .serviceUnavailable && staffBusy.headers[.retryAfter] != nil)
            #expect(staffBusy.text.contains(#"<p role="alert">The server is busy with many sign-ins at once; try again in"#))

            // Nothing was done while busy: both logins are as they were.
            #expect(try server.entries().allSatisfy { $0.state == .issued })

            held.withLockedValue { $0 = false }
            await hold.value
            let signedIn = try await english.post("/signin", CandidateTests.signInFields(slips[0]))
            #expect(signedIn.status == .seeOther && signedIn.location == "/register")
            let registered = try await second.post("/register", registration)
            #expect(registered.status == .seeOther && registered.location == "/done")
            #expect(
                try await staff.post("/staff/signin", [("username", Server.coordinator), ("password", Server.staffPassword)]).status == .seeOther)
        }
    }

    @Test func theCandidateFormsAreMarkedForTheScriptThatRetriesABusyAnswer() async throws {
        let server = try Server()
        try await server.run { client in
            var browser = Browser(client)
            browser.extraHeaders[.acceptLanguage] = "es"
            let page = try await browser.get("/")
            #expect(page.text.contains(#"<form method="post" action="/signin" novalidate data-busy="Muchos candidatos"#))
        }
    }
}

extension Server {
    /// Builds the application with this credential queue and sends requests to it in `mode`.
    func run(
        credentials: CredentialQueue, _ mode: TestingSetup = .router,
        _ test: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        var logger = Logger(label: "admit-server-tests")
        logger.logLevel = .critical
        let app = try await buildApplication(configuration, admissions: admissions, logger: logger, credentials: credentials)
        try await app.test(mode, test)
    }
}
