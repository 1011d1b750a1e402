import Foundation

/// An entry a search found, with the session it belongs to: never a secret.
public struct FoundEntry: Encodable, Equatable, Sendable {
    public var sessionID: UUID
    public var sessionName: String
    public var institutionCode: String
    public var entry: EntrySummary

    enum Keys: String, CodingKey {
        case session
        case sessionID = "session_id"
        case institutionCode = "institution"
    }

    /// The entry's own fields, with its session beside them, so each result is one flat object.
    public func encode(to encoder: any Encoder) throws {
        try entry.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(sessionName, forKey: .session)
        try container.encode(sessionID, forKey: .sessionID)
        try container.encode(institutionCode, forKey: .institutionCode)
    }
}
