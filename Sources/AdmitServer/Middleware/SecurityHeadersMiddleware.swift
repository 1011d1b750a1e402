import HTTPTypes
import Hummingbird

/// Headers every answer carries: pages load only their own CSS and script, are never framed, never leak
/// their address to another site, and are never sniffed as another type. The script may call this site only
/// (it sends the candidate forms with fetch()).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var policy: ContentSecurityPolicy {
        [
            .defaultSrc(.none), .styleSrc(.self), .scriptSrc(.self), .connectSrc(.self), .imgSrc(.self), .formAction(.self), .frameAncestors(.none),
            .baseURI(.none),
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.policy.description
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }
}
