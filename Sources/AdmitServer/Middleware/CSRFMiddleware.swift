import AdmitCrypto
import Hummingbird

/// Refuses any form post whose `csrf` field is not the browser's form token (403): another site cannot make a
/// browser post here. A signed-in browser's token is its session's; a visitor without a session gets a random
/// token in a `SameSite=Strict` cookie as well as in the form (double submit), so page views keep nothing on
/// the server.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AdmitRequestContext
    let secureCookies: Bool

    var cookieName: String { secureCookies ? "__Host-admit-form" : "admit-form" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let visitorToken = request.cookies[cookieName].map(\.value).flatMap { $0.count == 64 && $0.allSatisfy(\.isHexDigit) ? $0 : nil }
        var context = context
        var request = request
        if request.method == .post {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            let typed =
                try MultipartForm.read(request, body: body).map { $0.text("csrf") }
                ?? (try? URLEncodedFormDecoder().decode(Field.self, from: String(buffer: body)))?.csrf
            guard let expected = context.sessions.session?.csrf ?? visitorToken, let typed,
                constantTimeEquals(Array(typed.utf8), Array(expected.utf8))
            else {
                throw PageError(.forbidden, .formExpired)

            }
        }
        let fresh = context.sessions.session == nil && visitorToken == nil ? try AdmitRequestContext.newToken() : nil
        context.visitorFormToken = visitorToken ?? fresh
        var response = try await next(request, context)
        if let fresh, context.sessions.session == nil {
            response.setCookie(Cookie(name: cookieName, value: fresh, path: "/", secure: secureCookies, httpOnly: true, sameSite: .strict))
        }
        return response
    }

    private struct Field: Decodable {
        var csrf: String?
    }
}
