import AdmitCrypto
import Foundation
import Hummingbird

extension Request {
    /// The posted form, decoded (`application/x-www-form-urlencoded`), read up to the context's body limit.
    func form<Form: Decodable>(_ type: Form.Type, context: AdmitRequestContext) async throws -> Form {
        var request = self
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        do {
            return try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: body))
        } catch {
            throw HTTPError(.badRequest, message: "The form could not be read; reload the page and try again.")
        }
    }
}

extension AdmitRequestContext {
    /// The browser's session, made on its first visit so that every form can carry a CSRF token.
    func webSession() throws -> WebSession {
        if let session = sessions.session { return session }
        let session = WebSession(csrf: try Self.newToken())
        // Short-lived until someone signs in, so page views alone cannot fill the server's memory for long.
        sessions.createSession(session, expiresIn: .seconds(30 * 60))
        return session
    }

    /// Changes the session in place.
    func updateWebSession(_ change: (inout WebSession) -> Void) throws {
        var session = try webSession()
        change(&session)
        _ = sessions.updateSession(session)
    }

    /// Starts a new session (a new cookie and CSRF token) keeping the language: after every sign-in, so a
    /// cookie set before it is worth nothing after.
    func renewWebSession(_ change: (inout WebSession) -> Void) throws {
        var session = WebSession(csrf: try Self.newToken(), language: sessions.session?.language)
        change(&session)
        sessions.createSession(session, expiresIn: .seconds(2 * 60 * 60))
    }

    /// Empties the browser's session where the server keeps it (a new CSRF token, only the language kept), so
    /// no copy of its cookie signs anyone in any more: at every sign-out. (A new session instead would leave the
    /// signed-in one behind in the store, usable with the old cookie until it expires.)
    func endWebSession() throws {
        let session = WebSession(csrf: try Self.newToken(), language: sessions.session?.language)
        if !sessions.updateSession(session, expiresIn: .seconds(30 * 60)) { sessions.createSession(session, expiresIn: .seconds(30 * 60)) }
    }

    static func newToken() throws -> String {
        try SecureRandom().bytes(32).map { String(format: "%02x", $0) }.joined()
    }
}
