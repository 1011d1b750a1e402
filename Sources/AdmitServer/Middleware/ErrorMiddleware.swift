import AdmitCore
import Foundation
import Hummingbird

/// Turns a refusal into what the client reads: a page with one sentence for browsers, a JSON problem for the
/// API. Anything unexpected is logged (its type only, never a request body) and answered 500 without details.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AdmitRequestContext
    let pages: Pages

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, refusal, retryAfter) = Self.describe(error)
            if status == .internalServerError {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            }
            // The store's own words (SQLite's, PostgreSQL's) are for the operator, never for the person asking.
            if let detail = (error as? AdmitError)?.detail {
                context.logger.error("store refused", metadata: ["reason": "\(refusal.key)", "detail": "\(detail)"])
            }
            var response: Response
            if request.uri.path.hasPrefix("/api/") {
                let field = (error as? AdmitError)?.field?.rawValue ?? (error as? APIRefusal)?.field
                let body = try JSONEncoder().encode(
                    Problem(error: .init(status: Int(status.code), message: refusal.english, field: field)))
                response = Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
            } else {
                response = try pages.render(errorPage(status, refusal, request), status: status)
            }
            if let retryAfter { response.headers[.retryAfter] = String(retryAfter) }
            // An HTTPError's own headers (`WWW-Authenticate` on a 401) are part of the answer.
            if let error = error as? HTTPError {
                for field in error.headers where response.headers[field.name] == nil { response.headers.append(field) }
            }
            return response
        }
    }

    /// The error page's words: staff pages are English; a candidate's follow the candidate's language.
    private func errorPage(_ status: HTTPResponse.Status, _ refusal: ServerRefusal, _ request: Request) -> Page<ErrorPage> {
        guard !request.uri.path.hasPrefix("/staff") else {
            return Page(frame: PageFrame(title: status.reasonPhrase), content: ErrorPage(message: refusal.english))
        }
        let language = LanguageMiddleware.language(of: request)
        let words = pages.localization.strings(language)
        return Page(
            frame: PageFrame(title: words["status\(status.code)"] ?? status.reasonPhrase, lang: language, t: words),
            content: ErrorPage(message: pages.localization.message(refusal, language)))
    }

    /// The answer's status, what it says (translated by its key on a candidate's page) and its `Retry-After`.
    static func describe(_ error: any Error) -> (HTTPResponse.Status, ServerRefusal, Int?) {
        switch error {
        case let error as AdmitError: (status(of: error.kind), ServerRefusal(error.reason), nil)
        case let error as APIRefusal: (.badRequest, error.refusal, nil)
        case let error as PageError: (error.status, error.refusal, nil)
        case let limited as RateLimited: (.tooManyRequests, .tooManySignIns(retryAfter: limited.retryAfter), limited.retryAfter)
        case let full as CredentialQueue.Full: (.serviceUnavailable, .busy(retryAfter: full.retryAfter), full.retryAfter)
        case let error as HTTPError where error.status == .notFound && error.body == nil: (error.status, .notFound, nil)
        case let error as HTTPError: (error.status, .untranslated(error.body ?? error.status.reasonPhrase), nil)
        case let error as any HTTPResponseError: (error.status, .untranslated(error.status.reasonPhrase), nil)
        default: (.internalServerError, .serverFailed, nil)
        }
    }

    static func status(of kind: AdmitError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .invalidInput: .badRequest
        case .notFound: .notFound
        case .conflict, .closed: .conflict
        case .refused: .unauthorized
        case .forbidden: .forbidden
        case .storage: .serviceUnavailable
        }
    }

    /// Core's message as a sentence: a capital first letter and a full stop.
    static func sentence(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst() + (text.hasSuffix(".") ? "" : ".")
    }

    struct Problem: Encodable {
        struct Detail: Encodable {
            var status: Int
            var message: String
            /// The request's field the message is about, when it is about one.
            var field: String?
        }
        var error: Detail
    }
}
