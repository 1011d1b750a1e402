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

    public init(number: Int, entryID: UUID, username: String, password: String?, institutionCode: String,
                state: EntryState, sessionName: String, candidate: String? = nil) {
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
    /// Where candidates sign in, printed on slips.
    public var signInURL: String?

    public init(sessionName: String, institutionCode: String, institutionName: String, sessionDate: Date? = nil, signInURL: String? = nil) {
        self.sessionName = sessionName
        self.institutionCode = institutionCode
        self.institutionName = institutionName
        self.sessionDate = sessionDate
        self.signInURL = signInURL
    }
}

/// Writes credential rows in one file format. Implementations live outside Core (AdmitXLSX).
public protocol CredentialSheetWriter: AnyObject {
    func add(_ row: CredentialRow) throws
    /// Finishes the file; after this the rows are on disk under the temporary name.
    func close() throws
}

/// A credential file to produce: where it goes, and how to write it at a given (temporary) path.
public struct CredentialFileRequest {
    public var target: URL
    public var makeWriter: (SheetHeading, URL) throws -> any CredentialSheetWriter

    public init(target: URL, makeWriter: @escaping (SheetHeading, URL) throws -> any CredentialSheetWriter) {
        self.target = target
        self.makeWriter = makeWriter
    }
}
