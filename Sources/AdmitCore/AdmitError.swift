/// A refused request: bad input, something not found, a limit reached. Its message is one sentence a
/// coordinator can act on, and never holds a secret.
public struct AdmitError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable {
        case invalidInput, notFound, conflict, closed, storage
        /// The person asking may not do this (a staff role's limits).
        case forbidden
        /// A sign-in or registration that is turned away; the message never says which part was wrong.
        case refused
    }

    public let kind: Kind
    public let message: String
    /// The form field the message is about (`givenName`, `newPassword`…), so a page can show it there.
    public let field: String?

    public init(_ kind: Kind, _ message: String, field: String? = nil) {
        self.kind = kind
        self.message = message
        self.field = field
    }

    public var description: String { message }

    /// The same refusal, about `field`.
    public func about(_ field: String) -> AdmitError { AdmitError(kind, message, field: field) }
}
