import AdmitCore
import AdmitServer
import Foundation
import HummingbirdTesting
import Testing

/// Signing in again in the same browser starts a new session and ends the old one: a copy of the cookie from
/// before (left on a shared computer, say) signs nobody in.
@Suite struct SignInAgainTests {
    /// A browser holding only `cookie` is sent from a signed-in page to the sign-in form.
    static func expectSignedOut(
        _ client: any TestClientProtocol, cookie: String, at page: String, sentTo form: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        var copy = Browser(client)
        copy.cookie = cookie
        let answer = try await copy.get(page)
        #expect(answer.status == .seeOther && answer.location == form, "the first session's cookie still signs in", sourceLocation: sourceLocation)
    }

    @Test func aCandidatesSecondSignInEndsTheFirstSession() async throws {
        let server = try Server()
        let slip = try server.slips(1)[0]
        try server.admissions.register(
            institution: "GB042", username: slip.username, password: slip.password!,
            details: CandidateDetails(givenName: "Lena", familyName: "Berg"), newPassword: CandidateTests.newPassword)
        let fields = [("institution", "GB042"), ("username", "lena.berg"), ("password", CandidateTests.newPassword)]
        try await server.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/")
            #expect(try await browser.post("/signin", fields).location == "/welcome")
            let first = try #require(browser.cookie)
            _ = try await browser.get("/welcome")
            #expect(try await browser.post("/signin", fields).location == "/welcome")
            let second = try #require(browser.cookie)
            #expect(second != first)
            #expect(try await browser.get("/welcome").status == .ok)

            try await Self.expectSignedOut(client, cookie: first, at: "/welcome", sentTo: "/")
        }
    }

    @Test func aStaffMembersSecondSignInEndsTheFirstSession() async throws {
        let server = try Server()
        try await server.run { client in
            var browser = Browser(client)
            try await browser.staffSignIn(Server.coordinator)
            let first = try #require(browser.cookie)
            // Signed in, the sign-in page leads to the sessions; the form is still there to post to.
            let again = try await browser.post("/staff/signin", [("username", Server.coordinator), ("password", Server.staffPassword)])
            #expect(again.location == "/staff/sessions")
            let second = try #require(browser.cookie)
            #expect(second != first)
            #expect(try await browser.get("/staff/sessions").status == .ok)

            try await Self.expectSignedOut(client, cookie: first, at: "/staff/sessions", sentTo: "/staff")
        }
    }
}
