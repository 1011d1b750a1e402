import AdmitCore
import Hummingbird

/// Staff pages: the session's staff member, still enabled and with the password it signed in with, or a redirect
/// to the sign-in page.
struct StaffAuthMiddleware: RouterMiddleware {
    typealias Context = AdmitRequestContext
    let admissions: Admissions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let id = context.sessions.session?.staffID,
            let member = try await blocking({ [admissions] in try admissions.activeStaffMember(id: id) }),
            try context.sessions.session?.staffStamp == member.signInStamp
        else {
            return Pages.redirect("/staff")
        }
        var context = context
        context.staff = member
        return try await next(request, context)
    }
}

/// The API: a bearer token of an enabled staff member, else 401 with `WWW-Authenticate`.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = AdmitRequestContext
    let admissions: Admissions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = request.headers.bearer?.token else {
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer"],
                message: "Send a token as `Authorization: Bearer TOKEN`; `admit staff token USERNAME` makes one.")
        }
        let member: StaffMember
        do {
            member = try await blocking { [admissions] in try admissions.authenticateToken(token) }
        } catch let refusal as AdmitError where refusal.kind == .refused {
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""], message: refusal.staffSentence)
        }
        var context = context
        context.staff = member
        return try await next(request, context)
    }
}
