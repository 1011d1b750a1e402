import Foundation

/// One sitting: a name, an institution, and an optional start and end.
public struct TestSession: Codable, Equatable, Sendable {
    public var id: UUID
    public var institutionCode: String
    public var name: String
    public var startsAt: Date?
    public var endsAt: Date?
    public var createdAt: Date

    public init(id: UUID, institutionCode: String, name: String, startsAt: Date?, endsAt: Date?, createdAt: Date) {
        self.id = id
        self.institutionCode = institutionCode
        self.name = name
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case institutionCode = "institution"
        case startsAt = "starts_at"
        case endsAt = "ends_at"
        case createdAt = "created_at"
    }

    /// A session whose end has passed takes no new entries.
    public func isClosed(at now: Date) -> Bool {
        if let endsAt { return endsAt <= now }
        return false
    }
}
