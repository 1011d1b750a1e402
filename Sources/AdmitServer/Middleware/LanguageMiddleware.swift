import Hummingbird

/// The candidate pages' language: `?lang=` (remembered in a cookie), else the cookie, else `Accept-Language`.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AdmitRequestContext
    static let cookieName = "admit-lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let asked = request.uri.queryParameters["lang"].map(String.init).flatMap { Localization.supported.contains($0) ? $0 : nil }
        let remembered = request.cookies[Self.cookieName].map(\.value).flatMap { Localization.supported.contains($0) ? $0 : nil }
        context.language = asked ?? remembered ?? Localization.negotiate(request.headers[.acceptLanguage])
        var response = try await next(request, context)
        if let asked {
            response.setCookie(Cookie(name: Self.cookieName, value: asked, maxAge: 365 * 24 * 3600, path: "/", httpOnly: true, sameSite: .strict))
        }
        return response
    }
}
