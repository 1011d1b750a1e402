/// A refused request: bad input, something not found, a limit reached. Its message is one sentence a
/// coordinator can act on, and never holds a secret.
public struct AdmitError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable {
        case invalidInput, notFound, conflict, closed, storage
        /// A sign-in or registration that is turned away; the message never says which part was wrong.
        case refused
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
