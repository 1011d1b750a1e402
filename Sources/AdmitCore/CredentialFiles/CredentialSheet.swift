import Foundation

/// One row of a credential sheet (roster table, slips, CSV).
public struct CredentialRow: Sendable {
    public var number: Int
    public var entryID: UUID
    public var username: String
    /// Present only while the entry is issued: a converted, withdrawn or expired login has nothing to hand out.
    public var password: String?
    public var institutionCode: String
    public var state: EntryState
    public var sessionName: String
    /// A named entry's candidate, as printed on its slip: "Maria Garcia · 10442". Nil for generic logins.
    public var candidate: String?

    public init(
        number: Int, entryID: UUID, username: String, password: String?, institutionCode: String,
        state: EntryState, sessionName: String, candidate: String? = nil
    ) {
        self.number = number
        self.entryID = entryID
        self.username = username
        self.password = password
        self.institutionCode = institutionCode
        self.state = state
        self.sessionName = sessionName
        self.candidate = candidate
    }
}

/// What a sheet says about where its credentials belong, for its page header.
public struct SheetHeading: Sendable {
    public var sessionName: String
    public var institutionCode: String
    public var institutionName: String
    /// When the session starts, printed on slips.
    public var sessionDate: Date?
    /// Where candidates sign in, printed on slips (and opened by their QR codes).
    public var signInURL: String?
    /// The zone the session's date and time are printed in, and named.
    public var timeZone: TimeZone

    public init(
        sessionName: String, institutionCode: String, institutionName: String, sessionDate: Date? = nil, signInURL: String? = nil,
        timeZone: TimeZone = .current
    ) {
        self.sessionName = sessionName
        self.institutionCode = institutionCode
        self.institutionName = institutionName
        self.sessionDate = sessionDate
        self.signInURL = signInURL
        self.timeZone = timeZone
    }
}

extension SheetHeading {
    /// Where a slip's QR code takes its candidate: the sign-in address with the institution ID and username filled
    /// in, never the password.
    public func signInLink(institution: String, username: String) -> String? {
        guard let signInURL, var components = URLComponents(string: signInURL) else { return nil }
        components.queryItems =
            (components.queryItems ?? []) + [
                URLQueryItem(name: "institution", value: institution),
                URLQueryItem(name: "username", value: username),
            ]
        return components.string
    }
}

/// Writes credential rows in one file format. Implementations live outside Core (AdmitXLSX).
public protocol CredentialSheetWriter: AnyObject {
    func add(_ row: CredentialRow) throws
    /// Finishes the file; after this the rows are on disk under the temporary name.
    func close() throws
    /// What the person exporting should be told about the file (a layout changed to fit long values).
    var notices: [String] { get }
}

extension CredentialSheetWriter {
    public var notices: [String] { [] }
}

/// A credential file to produce: where it goes, and how to write it at a given (temporary) path.
public struct CredentialFileRequest {
    public var target: URL
    /// Whether an existing file at `target` may be replaced; without it, one is refused before anything changes.
    public var replacing = false
    /// Makes the writer for a temporary path, once the rows it will get are measured.
    public var makeWriter: (SheetHeading, SheetMeasure, URL) throws -> any CredentialSheetWriter

    public init(
        target: URL, replacing: Bool = false,
        makeWriter: @escaping (SheetHeading, SheetMeasure, URL) throws -> any CredentialSheetWriter
    ) {
        self.target = target
        self.replacing = replacing
        self.makeWriter = makeWriter
    }
}
