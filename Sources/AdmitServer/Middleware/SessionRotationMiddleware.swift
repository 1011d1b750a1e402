import Hummingbird
import HummingbirdAuth

/// At a sign-in the session middleware starts a new session under a new cookie, but leaves the one the browser
/// came with in the store. This deletes it, so a copy of the old cookie signs nobody in (candidate and staff).
struct SessionRotationMiddleware<Context: RequestContext>: RouterMiddleware {
    let storage: SessionStorage<WebSession>
    let cookieName: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        guard let old = request.cookies[cookieName]?.value, !old.isEmpty else { return response }
        let replaced = response.headers[values: .setCookie].contains { $0.hasPrefix("\(cookieName)=") && !$0.hasPrefix("\(cookieName)=\(old);") }
        if replaced { _ = try await storage.delete(request: request) }
        return response
    }
}
