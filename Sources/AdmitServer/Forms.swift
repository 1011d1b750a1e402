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
        } catch let refusal as HTTPError {
            // A choice the form does not offer (`FormChoice`), in its own words.
            throw refusal
        } catch {
            throw PageError(.badRequest, .formUnreadable)

        }
    }
}

/// A form value that is one of a few choices (a button's `action`, a list's `scope`): decoded as its enum, and
/// any other value answered 400 with the sentence `choose`.
protocol FormChoice: RawRepresentable, Decodable where RawValue == String {
    static var choose: String { get }
}

extension FormChoice {
    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let choice = Self(rawValue: text) else { throw HTTPError(.badRequest, message: Self.choose) }
        self = choice
    }
}

extension AdmitRequestContext {
    /// Changes the browser's session in place, when it has one.
    func updateWebSession(_ change: (inout WebSession) -> Void) throws {
        guard var session = sessions.session else { return }
        change(&session)
        _ = sessions.updateSession(session)
    }

    /// Starts a new session (a new cookie and CSRF token): at every sign-in, so a cookie set before it is worth
    /// nothing after. Sessions exist only for signed-in browsers, so their number is bounded by the sign-in limits.
    func renewWebSession(expiresIn lifetime: Duration = .seconds(2 * 60 * 60), _ change: (inout WebSession) -> Void) throws {
        var session = WebSession(csrf: try Self.newToken())
        change(&session)
        sessions.createSession(session, expiresIn: lifetime)
    }

    /// Deletes the browser's session where the server keeps it and expires its cookie, so no copy of the cookie
    /// signs anyone in any more: at every sign-out.
    func endWebSession() {
        sessions.clearSession()
    }

    static func newToken() throws -> String {
        try SecureRandom().bytes(32).map { String(format: "%02x", $0) }.joined()
    }
}
