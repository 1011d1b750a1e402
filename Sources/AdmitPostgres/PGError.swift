import CLibPQ

/// An error from the server (with its SQLSTATE) or from libpq itself (a lost connection, a refused one).
///
/// `description` is the SQLSTATE and the primary message only: the server's detail line quotes the row's
/// values ("Key (username)=(…) already exists"), which must not reach a log unasked; it is in `detail`.
public struct PGError: Error, CustomStringConvertible, Sendable {
    public let code: Code
    /// One line: the server's primary message, or libpq's message for errors raised on the client side.
    public let message: String
    public let detail: String?
    /// The constraint a violation names (`PG_DIAG_CONSTRAINT_NAME`), e.g. `entries_username_key`.
    public let constraint: String?

    public init(code: Code, message: String, detail: String? = nil, constraint: String? = nil) {
        self.code = code
        self.message = message
        self.detail = detail
        self.constraint = constraint
    }

    /// The five-character SQLSTATE, e.g. "40001".
    public var sqlState: String { code.rawValue }

    public var description: String { "\(message) (SQLSTATE \(code.rawValue))" }

    /// A serialization failure or a deadlock: running the whole transaction again may well succeed.
    public var isRetryable: Bool { code == .serializationFailure || code == .deadlockDetected }

    /// The connection is gone or never came up (class 08, or the server shutting down under it).
    public var isConnectionFailure: Bool { code.isConnectionFailure }
}

extension PGError.Code {
    var isConnectionFailure: Bool {
        errorClass == "08" || self == .adminShutdown || self == .crashShutdown || self == .cannotConnectNow
    }
}

extension PGError {
    /// The error of a failed statement. When the connection broke under it, libpq makes up a result without a
    /// SQLSTATE (or the server's last word is some other one); that error is reported as `connectionFailure`,
    /// so that `isConnectionFailure` says what happened to the connection.
    init(result: OpaquePointer?, connection: OpaquePointer) {
        func field(_ code: Character) -> String? {
            // The PG_DIAG_… field codes are character macros, which Swift does not import.
            guard let result, let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        var code = field("C").map(Code.init(rawValue:)) ?? .internalError
        if PQstatus(connection) != CONNECTION_OK, !code.isConnectionFailure { code = .connectionFailure }
        self.init(
            code: code, message: PGError.oneLine(field("M") ?? PGError.libpqMessage(result, connection)),
            detail: field("D"), constraint: field("n"))
    }

    /// An error libpq made up itself (a lost connection) has no fields, only a message.
    private static func libpqMessage(_ result: OpaquePointer?, _ connection: OpaquePointer) -> String {
        if let result, let message = PQresultErrorMessage(result), message.pointee != 0 { return String(cString: message) }
        return String(cString: PQerrorMessage(connection))
    }

    /// libpq's messages end in a newline and some run over several (an indented hint, one line per host
    /// tried); an error shown to a person is one line: the hints ("Is the server running…?") are left out.
    static func oneLine(_ message: String) -> String {
        let lines = message.split(separator: "\n").filter { !($0.first?.isWhitespace ?? true) }
        return (lines.isEmpty ? [Substring(message)] : lines)
            .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }.joined(separator: "; ")
    }
}
