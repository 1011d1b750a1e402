import AdmitCore
import AdmitServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// What protects every page: CSRF tokens, the sign-in rate limit, security headers, the body cap.
@Suite struct ProtectionTests {
    @Test func aFormPostWithoutTheRightTokenIsRefusedAndChangesNothing() async throws {
        let server = try Server()
        let id = Server.id(server.session)
        let slip = try server.slips(1)[0]
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            _ = try await carol.get("/staff/sessions/\(id)")
            let token = try #require(carol.csrf)
            for (name, csrf) in [
                ("none", String?.none), ("wrong", String?.some(String(repeating: "0", count: 64))),
                ("empty", String?.some("")), ("truncated", String?.some(String(token.dropLast()))),
            ] {
                let refused = try await carol.post("/staff/sessions/\(id)/batches", [("count", "20")], csrf: .some(csrf))
                #expect(refused.status == .forbidden, "\(name)")
                #expect(refused.text.contains("This form has expired or did not come from this site."), "\(name)")
            }
            // Another browser's valid token does not fit this browser's session.
            var other = Browser(client)
            _ = try await other.get("/")
            let foreign = try await carol.post("/staff/sessions/\(id)/batches", [("count", "20")], csrf: .some(other.csrf))
            #expect(foreign.status == .forbidden)
            #expect(try server.entries().count == 1)
            #expect(try server.admissions.sessions().count == 2)
            let create = try await carol.post("/staff/sessions", [("name", "Forged")], csrf: .some(nil))
            #expect(create.status == .forbidden)
            let withdraw = try await carol.post(
                "/staff/sessions/\(id)/withdraw", [("entries[]", slip.entryID.uuidString), ("confirm", "yes")],
                csrf: .some(nil))
            #expect(withdraw.status == .forbidden)
            let signOut = try await carol.post("/staff/signout", csrf: .some(nil))
            #expect(signOut.status == .forbidden)
            #expect(try server.admissions.sessions().count == 2 && server.entries().map(\.state) == [.issued])
            // Still signed in, and the real token still works.
            let added = try await carol.post("/staff/sessions/\(id)/batches", [("count", "2")])
            #expect(try added.status == .seeOther && server.entries().count == 3)

            // A candidate's sign-in and registration need the token too.
            var candidate = Browser(client)
            _ = try await candidate.get("/")
            let signIn = try await candidate.post("/signin", CandidateTests.signInFields(slip), csrf: .some(nil))
            #expect(signIn.status == .forbidden)
            #expect(try await candidate.get("/register").status == .unauthorized)
            _ = try await candidate.post("/signin", CandidateTests.signInFields(slip))
            _ = try await candidate.get("/register")
            let register = try await candidate.post(
                "/register",
                [
                    ("givenName", "Maria"), ("familyName", "Garcia"),
                    ("newPassword", CandidateTests.newPassword),
                    ("confirmPassword", CandidateTests.newPassword),
                ], csrf: .some("forged"))
            #expect(register.status == .forbidden)
            #expect(try server.entries().first { $0.guid == slip.entryID }?.state == .issued)

            // A browser with no session at all (another site's form) is refused too.
            var stranger = Browser(client)
            let blind = try await stranger.post("/signin", CandidateTests.signInFields(slip), csrf: .some(token))
            #expect(blind.status == .forbidden)
        }
    }

    /// Time that does not pass: however slowly a loaded machine answers, no token comes back during the test.
    static let stillClock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_790_000_000) }

    @Test func theFourthSignInAMinuteIsRefusedWithRetryAfter() async throws {
        let server = try Server(ServerConfiguration(signInsPerMinute: 3, clock: Self.stillClock))
        try await server.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/")
            for _ in 1...3 {
                let page = try await browser.post("/signin", [("institution", "GB042"), ("username", "NOBODY99"), ("password", "x")])
                #expect(page.status == .unauthorized)
            }
            let limited = try await browser.post("/signin", [("institution", "GB042"), ("username", "NOBODY99"), ("password", "x")])
            #expect(limited.status == .tooManyRequests)
            let wait = try #require(limited.headers[.retryAfter].flatMap(Int.init))
            #expect((1...60).contains(wait))
            #expect(limited.text.contains("Too many sign-in attempts from this address"))
            #expect(limited.headers[.contentSecurityPolicy] != nil)
            // Pages are still served; only sign-in posts are limited.
            #expect(try await browser.get("/").status == .ok)
        }
    }

    /// Another spelling of a sign-in path is sent to the one the limit counts: no post reaches a form by a side door.
    @Test(arguments: ["/signin/", "//signin", "/signin//", "/%73ignin", "/staff/signin/", "/staff//signin", "//staff/signin"])
    func aVariantOfASignInPathIsRedirectedToTheLimitedOne(variant: String) async throws {
        let server = try Server(ServerConfiguration(signInsPerMinute: 3, clock: Self.stillClock))
        let slip = try server.slips(1)[0]
        try await server.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/")
            for _ in 1...10 {
                let page = try await browser.post(variant, [("institution", "GB042"), ("username", slip.username), ("password", "wrong-pass")])
                #expect(page.status == .permanentRedirect)
                #expect(page.location == (variant.contains("staff") ? "/staff/signin" : "/signin"))
            }
            // None of them counted as a failed sign-in: the entry is not locked, and the right password still works.
            #expect(try server.entries().first?.failedAttempts == 0)
            let page = try await browser.post("/signin", CandidateTests.signInFields(slip))
            #expect(page.status == .seeOther)
        }
    }

    @Test func aPagesOtherSpellingRedirectsWithItsQuery() async throws {
        let server = try Server()
        try await server.run { client in
            var browser = Browser(client)
            let page = try await browser.get("//?institution=GB042&username=K7QM4XPA")
            #expect(page.status == .permanentRedirect && page.location == "/?institution=GB042&username=K7QM4XPA")
            #expect(try await browser.get("/staff/").location == "/staff")
            #expect(try await browser.get("/%zz").status == .notFound)
            #expect(try await browser.get("/static/../Package.swift").status == .notFound)
        }
    }

    @Test func theStaffSignInIsRateLimitedToo() async throws {
        let server = try Server(ServerConfiguration(signInsPerMinute: 3, clock: Self.stillClock))
        try await server.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/staff")
            for _ in 1...3 {
                let page = try await browser.post("/staff/signin", [("username", Server.coordinator), ("password", "wrong-password-1")])
                #expect(page.status == .unauthorized)
            }
            // Even the right password waits: that is what stops guessing.
            let limited = try await browser.post("/staff/signin", [("username", Server.coordinator), ("password", Server.staffPassword)])
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter].flatMap(Int.init) != nil)
            #expect(try await browser.get("/staff/sessions").location == "/staff")
        }
    }

    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        let server = try Server()
        let id = Server.id(server.session)
        let token = try server.admissions.issueToken(for: Server.coordinator).token
        _ = try server.slips(2)
        try await server.run { client in
            var browser = Browser(client)
            var answers: [(String, Page)] = []
            answers.append(("/", try await browser.get("/")))
            answers.append(("/?lang=es", try await browser.get("/?lang=es")))
            answers.append(("/register", try await browser.get("/register")))
            answers.append(("/done", try await browser.get("/done")))
            answers.append(("/staff", try await browser.get("/staff")))
            answers.append(("signin 401", try await browser.post("/signin", [("institution", "GB042"), ("username", "x"), ("password", "y")])))
            answers.append(("csrf 403", try await browser.post("/signin", [], csrf: .some(nil))))
            answers.append(("404", try await browser.get("/no-such-page")))
            answers.append(("/healthz", try await browser.get("/healthz")))
            answers.append(("/static/admit.css", try await browser.get("/static/admit.css")))
            answers.append(("/api/v1/openapi.json", try await browser.get("/api/v1/openapi.json")))
            try await browser.staffSignIn(Server.coordinator)
            answers.append(("/staff/sessions", try await browser.get("/staff/sessions")))
            answers.append(("/staff/sessions/id", try await browser.get("/staff/sessions/\(id)")))
            answers.append(("/staff/sessions/id/report", try await browser.get("/staff/sessions/\(id)/report")))
            answers.append(("/staff/sessions/new", try await browser.get("/staff/sessions/new")))
            let download = try await browser.post("/staff/sessions/\(id)/entries", [("action", "download"), ("scope", "all"), ("layout", "roster")])
            answers.append(("download", download))
            let api = APIClient(client: client, token: token)
            answers.append(("api sessions", try await api.get("/sessions")))
            answers.append(("api 401", try await APIClient(client: client).get("/sessions")))
            answers.append(("api export", try await api.post("/sessions/\(id)/exports", json: #"{"format": "csv"}"#)))

            for (name, page) in answers {
                let policy = page.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"), "\(name): \(policy)")
                #expect(page.headers[.xContentTypeOptions] == "nosniff", "\(name)")
                #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(name)")
            }
            // Pages and files with credentials or tokens are never cached.
            for (name, page) in answers
            where page.headers[.contentType]?.hasPrefix("text/html") == true || name.contains("download")
                || name.contains("export") || name.hasPrefix("api sessions")
            {
                #expect(page.headers[.cacheControl] == "no-store", "\(name)")
            }
            #expect(
                answers.filter { $0.1.headers[.contentType]?.hasPrefix("text/html") == true }.map(\.0)
                    == [
                        "/", "/?lang=es", "/register", "/staff", "signin 401", "csrf 403", "404", "/staff/sessions", "/staff/sessions/id",
                        "/staff/sessions/id/report", "/staff/sessions/new",
                    ])
            #expect(download.status == .ok)
        }
    }

    @Test func aBodyOverTheCapIsRefused() async throws {
        let server = try Server(ServerConfiguration(maxBodySize: 1024))
        let token = try server.admissions.issueToken(for: Server.coordinator).token
        let id = Server.id(server.session)
        try await server.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/")
            let big = [("institution", "GB042"), ("username", String(repeating: "A", count: 2000)), ("password", "x")]
            let refused = try await browser.post("/signin", big)
            #expect(refused.status == .contentTooLarge)
            #expect(refused.text.contains("The request is larger than 1 KiB."))
            // Just under the cap is read as usual.
            let small = try await browser.post(
                "/signin", [("institution", "GB042"), ("username", String(repeating: "A", count: 600)), ("password", "x")])
            #expect(small.status == .unauthorized)

            let json = #"{"count": 20, "padding": "\#(String(repeating: "x", count: 2000))"}"#
            let api = try await APIClient(client: client, token: token).post("/sessions/\(id)/batches", json: json)
            #expect(api.status == .contentTooLarge)
            #expect(try api.json(APIError.self).error.status == 413)
            #expect(try server.entries().isEmpty)
        }
    }

    @Test func theHealthCheckSaysOK() async throws {
        let server = try Server()
        try await server.run { client in
            let page = try await client.execute(uri: "/healthz", method: .get)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body) == "ok\n")
            #expect(page.headers[.cacheControl] == "no-store")
        }
    }

    @Test func theStylesheetAndScriptAreServedAndNothingElse() async throws {
        let server = try Server()
        try await server.run { client in
            let css = try await client.execute(uri: "/static/admit.css", method: .get)
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8" && css.body.readableBytes > 0)
            let js = try await client.execute(uri: "/static/admit.js", method: .get)
            #expect(js.status == .ok && js.headers[.contentType] == "text/javascript; charset=utf-8")
            for path in ["/static/..%2FPackage.swift", "/static/missing.css", "/static/admit.sqlite"] {
                #expect(try await client.execute(uri: path, method: .get).status == .notFound, "\(path)")
            }
        }
    }
}
