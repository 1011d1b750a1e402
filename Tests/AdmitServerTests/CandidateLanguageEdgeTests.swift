import AdmitCore
import AdmitServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A Spanish-speaking candidate reads Spanish on every page, the refusals included (too many attempts, a stale
/// form, a missing page); `HEAD /` answers as `GET /` does, without the body.
@Suite struct CandidateLanguageEdgeTests {
    static let spanish: HTTPFields = [.acceptLanguage: "es-ES,es;q=0.9"]

    @Test func theErrorPagesFollowTheCandidatesLanguage() async throws {
        let server = try Server(ServerConfiguration(signInsPerMinute: 2))
        try await server.run { client in
            var browser = Browser(client)
            browser.extraHeaders = Self.spanish
            _ = try await browser.get("/")

            let stale = try await browser.post("/signin", [("institution", "GB042"), ("username", "x"), ("password", "y")], csrf: "0")
            #expect(stale.status == .forbidden)
            #expect(stale.text.contains(#"<html lang="es">"#))
            #expect(stale.text.contains("<h1>Prohibido</h1>"))
            #expect(stale.text.contains("Este formulario ha caducado o no viene de este sitio."))

            let missing = try await browser.get("/no-such-page")
            #expect(missing.status == .notFound && missing.text.contains(#"<html lang="es">"#))
            #expect(missing.text.contains("Esta página no existe."))

            var limited: Page?
            for _ in 0..<4 {
                let page = try await browser.post("/signin", [("institution", "GB042"), ("username", "x"), ("password", "y")])
                if page.status == .tooManyRequests { limited = page }
            }
            let page = try #require(limited)
            let seconds = try #require(page.headers[.retryAfter])
            #expect(page.text.contains(#"<html lang="es">"#))
            #expect(page.text.contains("<h1>Demasiados intentos</h1>"))
            #expect(
                page.text.contains("Demasiados intentos de inicio de sesión desde esta dirección; espera \(seconds) segundos y vuelve a intentarlo."))

            // English browsers keep English; staff pages are English whatever the browser asks for.
            var english = Browser(client)
            let englishMissing = try await english.get("/no-such-page")
            #expect(englishMissing.text.contains(#"<html lang="en">"#) && englishMissing.text.contains("<h1>Not Found</h1>"))
            let staff = try await browser.get("/staff/no-such-page")
            #expect(!staff.text.contains(#"lang="es""#))
        }
    }

    @Test func headAnswersAsGetDoesWithoutTheBody() async throws {
        let server = try Server()
        try await server.run { client in
            let get = try await client.execute(uri: "/", method: .get, headers: [:], body: nil)
            let head = try await client.execute(uri: "/", method: .head, headers: [:], body: nil)
            #expect(head.status == get.status && head.status == .ok)
            #expect(head.headers[.contentType] == get.headers[.contentType])
            #expect(head.headers[.cacheControl] == get.headers[.cacheControl])
            #expect(head.body.readableBytes == 0)
        }
    }
}
