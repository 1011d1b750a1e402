import Foundation
import HTTPTypes
import Hummingbird

/// Every path has one spelling before anything routes or counts it: the router also answers `/signin/`,
/// `//signin` and percent-escaped letters, and a limit that compares paths would miss those. A variant is
/// redirected (308 keeps the method and body) to its one spelling, where the limits apply.
struct CanonicalPathMiddleware: RouterMiddleware {
    typealias Context = AdmitRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        // Nothing is found at a malformed address, or one that climbs (`..`): no page, no file.
        guard let canonical = Self.canonical(path) else { throw HTTPError(.notFound) }
        guard canonical != path else { return try await next(request, context) }
        let query = request.uri.query.map { "?" + $0 } ?? ""
        return Response(status: .permanentRedirect, headers: [.location: canonical + query, .cacheControl: "no-store"])
    }

    /// `/staff//signin/` → `/staff/signin`; nil when an escape decodes to nothing valid or a part is `.` or `..`.
    static func canonical(_ path: String) -> String? {
        guard let decoded = path.removingPercentEncoding else { return nil }
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.contains(where: { $0 == "." || $0 == ".." }) else { return nil }
        return "/" + parts.joined(separator: "/")
    }
}
