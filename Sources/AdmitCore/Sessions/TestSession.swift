import Foundation

/// One sitting: a name, an institution, and an optional start and end.
public struct TestSession: Encodable, Equatable, Sendable {
    public var id: UUID
    public var institutionCode: String
    public var name: String
    public var startsAt: Date?
    public var endsAt: Date?
    public var createdAt: Date
    /// How personal usernames are made at first login.
    public var usernameTemplate: UsernameTemplate
    /// Details a candidate must give at first login, beyond the names.
    public var requiredDetails: Set<DetailField>
    /// Where candidates sign in, printed on slips.
    public var signInURL: String?

    public init(
        id: UUID, institutionCode: String, name: String, startsAt: Date?, endsAt: Date?, createdAt: Date,
        usernameTemplate: UsernameTemplate = .standard, requiredDetails: Set<DetailField> = [], signInURL: String? = nil
    ) {
        self.id = id
        self.institutionCode = institutionCode
        self.name = name
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdAt = createdAt
        self.usernameTemplate = usernameTemplate
        self.signInURL = signInURL
        // A template that uses the candidate number cannot work without one.
        self.requiredDetails = usernameTemplate.usesCandidateNumber ? requiredDetails.union([.candidate]) : requiredDetails
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case institutionCode = "institution"
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case createdAt = "created_at"
        case usernameTemplate = "username_template"
        case requiredDetails = "required_details"
        case signInURL = "sign_in_url"
    }

    /// An address typed for the sign-in page: an http or https URL with a host.
    public static func validatedSignInURL(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: trimmed), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false,
            trimmed.count <= 200
        else {
            throw AdmitError(.invalidInput, .notASignInAddress(text))

        }
        return trimmed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(institutionCode, forKey: .institutionCode)
        try container.encodeIfPresent(startsAt, forKey: .startsAt)
        try container.encodeIfPresent(endsAt, forKey: .endsAt)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(usernameTemplate.description, forKey: .usernameTemplate)
        try container.encode(requiredDetails.map(\.rawValue).sorted(), forKey: .requiredDetails)
        try container.encodeIfPresent(signInURL, forKey: .signInURL)
    }

    /// A session whose end has passed takes no new entries.
    public func isClosed(at now: Date) -> Bool {
        if let endsAt { return endsAt <= now }
        return false
    }
}
