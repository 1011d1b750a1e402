import Hummingbird

/// The candidate pages' language: `?lang=` (remembered in a cookie), else the cookie, else `Accept-Language`.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AdmitRequestContext
    static let cookieName = "admit-lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let asked = Self.asked(request)
        context.language = Self.language(of: request)
        var response = try await next(request, context)
        if let asked {
            response.setCookie(Cookie(name: Self.cookieName, value: asked, maxAge: 365 * 24 * 3600, path: "/", httpOnly: true, sameSite: .strict))
        }
        return response
    }

    /// The language a candidate page answers in (the error pages too, which are drawn outside this middleware).
    static func language(of request: Request) -> String {
        let remembered = request.cookies[cookieName].map(\.value).flatMap { Localization.supported.contains($0) ? $0 : nil }
        return asked(request) ?? remembered ?? Localization.negotiate(request.headers[.acceptLanguage])
    }

    private static func asked(_ request: Request) -> String? {
        request.uri.queryParameters["lang"].map(String.init).flatMap { Localization.supported.contains($0) ? $0 : nil }
    }
}
