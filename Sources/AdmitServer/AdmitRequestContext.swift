import AdmitCore
import Hummingbird
import HummingbirdAuth
import NIOCore

/// Per request: the web session, the client's address (for rate limits) and, once authenticated, the staff member.
public struct AdmitRequestContext: RequestContext, SessionRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let sessions: SessionContext<WebSession>
    public let remoteAddress: SocketAddress?
    /// Set by the staff-page and API authentication middleware.
    public var staff: StaffMember?
    /// Set by `BodyLimit`; the limit every body read obeys.
    public var maxUploadSize: Int
    /// A visitor's form token without a session (set by `CSRFMiddleware`).
    var visitorFormToken: String?
    /// The candidate pages' language (set by `LanguageMiddleware`).
    var language = "en"

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        sessions = .init()
        remoteAddress = source.channel.remoteAddress
        maxUploadSize = 64 * 1024
    }

    /// The CSRF token this request's page puts in its forms.
    var formToken: String { sessions.session?.csrf ?? visitorFormToken ?? "" }

    /// The signed-in staff member; the authentication middleware guarantees one on staff routes.
    func requireStaff() throws -> StaffMember {
        guard let staff else { throw HTTPError(.unauthorized) }
        return staff
    }
}
