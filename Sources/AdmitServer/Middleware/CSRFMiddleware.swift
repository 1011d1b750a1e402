import AdmitCrypto
import Hummingbird

/// Refuses any form post whose `csrf` field is not the token of the browser's session (403): another site
/// cannot make a signed-in browser post here.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AdmitRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let typed = try MultipartForm.read(request, body: body).map { $0.text("csrf") }
            ?? (try? URLEncodedFormDecoder().decode(Field.self, from: String(buffer: body)))?.csrf
        guard let expected = context.sessions.session?.csrf, let typed,
              constantTimeEquals(Array(typed.utf8), Array(expected.utf8)) else {
            throw HTTPError(.forbidden, message: "This form has expired or did not come from this site. Go back, reload the page and try again.")
        }
        return try await next(request, context)
    }

    private struct Field: Decodable {
        var csrf: String?
    }
}
