import Foundation

/// One "add entries" action: 1 to 500 generic logins, created together or not at all.
public struct Batch: Codable, Equatable, Sendable {
    public static let sizes = 1...500

    public var id: UUID
    public var sessionID: UUID
    public var requestKey: String?
    public var size: Int
    public var createdAt: Date
    public var createdBy: String
    /// The import job whose rows made this batch's named entries.
    public var importJobID: UUID?

    public init(id: UUID, sessionID: UUID, requestKey: String?, size: Int, createdAt: Date, createdBy: String, importJobID: UUID? = nil) {
        self.id = id
        self.sessionID = sessionID
        self.requestKey = requestKey
        self.size = size
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.importJobID = importJobID
    }

    enum CodingKeys: String, CodingKey {
        case id, size
        case sessionID = "session"
        case requestKey = "request_key"
        case createdAt = "created_at"
        case createdBy = "created_by"
        case importJobID = "import_job"
    }
}

/// What a coordinator asks for when adding entries.
public struct BatchRequest: Sendable {
    public var size: Int
    public var policy: CredentialPolicy
    public var requestKey: String?

    /// Checks the size and the request key; the lengths were checked by `CredentialPolicy`.
    public init(size: Int, policy: CredentialPolicy = .init(), requestKey: String? = nil) throws {
        guard Batch.sizes.contains(size) else {
            throw AdmitError(.invalidInput, .batchSize(size, maximum: Batch.sizes.upperBound))
        }
        if let requestKey, !(1...200).contains(requestKey.count) || requestKey.contains(where: \.isNewline) {
            throw AdmitError(.invalidInput, .requestKeyForm(maximum: 200))
        }
        self.size = size
        self.policy = policy
        self.requestKey = requestKey
    }

    /// Reads a count as typed on a command line or in a form.
    public static func size(from text: String) throws -> Int {
        guard let size = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw AdmitError(.invalidInput, .countNotANumber(text, maximum: Batch.sizes.upperBound))

        }
        return size
    }
}
