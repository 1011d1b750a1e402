import AdmitCore
import HTTPTypes

/// A refusal as the server tells it: Core's reason, or one the server makes before any route (a rate limit, a form
/// that expired). Its translations are found by `key` and filled in from `values`; `english` is its sentence as shown.
struct ServerRefusal: Equatable, Sendable {
    let key: String
    let values: [String: String]
    let english: String

    init(_ reason: AdmitError.Reason) {
        self.init(key: reason.key, values: reason.values, english: ErrorMiddleware.sentence(reason.sentence))
    }

    private init(key: String, values: [String: String] = [:], english: String) {
        self.key = key
        self.values = values
        self.english = english
    }

    static func tooManySignIns(retryAfter: Int) -> ServerRefusal {
        ServerRefusal(
            key: "tooManySignIns", values: ["seconds": "\(retryAfter)"],
            english: "Too many sign-in attempts from this address; wait \(retryAfter) seconds and try again.")
    }

    static func busy(retryAfter: Int) -> ServerRefusal {
        ServerRefusal(
            key: "busy", values: ["seconds": "\(retryAfter)"],
            english: "The server is busy with many sign-ins at once; try again in \(retryAfter) seconds.")
    }

    static func requestTooLarge(limit: String) -> ServerRefusal {
        ServerRefusal(key: "requestTooLarge", values: ["limit": limit], english: "The request is larger than \(limit).")
    }

    /// Words with no translation: a staff page's, or HTTP's own status phrase.
    static func untranslated(_ text: String) -> ServerRefusal { ServerRefusal(key: "", english: text) }

    static let formExpired = ServerRefusal(
        key: "formExpired", english: "This form has expired or did not come from this site. Go back, reload the page and try again.")
    static let formUnreadable = ServerRefusal(key: "formUnreadable", english: "The form could not be read; reload the page and try again.")
    static let notFound = ServerRefusal(key: "notFound", english: "Not Found")
    static let serverFailed = ServerRefusal(
        key: "serverFailed",
        english: "Something went wrong on the server; nothing was changed. Try again, and tell the exam coordinator if it goes on.")
}

/// A request the server turns away itself, before a route reads it.
struct PageError: Error {
    let status: HTTPResponse.Status
    let refusal: ServerRefusal

    init(_ status: HTTPResponse.Status, _ refusal: ServerRefusal) {
        self.status = status
        self.refusal = refusal
    }
}
