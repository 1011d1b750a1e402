/// A refused request: bad input, something not found, a limit reached. What was refused is its typed `reason`;
/// each caller (the CLI, the pages, the API) says it in its own words and language. Never holds a secret.
public struct AdmitError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable {
        case invalidInput, notFound, conflict, closed, storage
        /// The person asking may not do this (a staff role's limits).
        case forbidden
        /// A sign-in or registration that is turned away; the message never says which part was wrong.
        case refused
    }

    public let kind: Kind
    public let reason: Reason
    /// The thing asked for that the refusal is about (`givenName`, `newPassword`…), so a page can show it there.
    public let field: AdmitField?
    /// What a library said (SQLite's or PostgreSQL's text), for the log only: it never reaches the person asking.
    public let detail: String?

    public init(_ kind: Kind, _ reason: Reason, field: AdmitField? = nil, detail: String? = nil) {
        self.kind = kind
        self.reason = reason
        self.field = field
        self.detail = detail
    }

    /// Core's English: one plain sentence without its capital and full stop.
    public var message: String { reason.sentence }

    public var description: String { message }

    /// The same refusal, about `field`.
    public func about(_ field: AdmitField) -> AdmitError { AdmitError(kind, reason, field: field, detail: detail) }
}
