import Foundation

/// A class or room within a session, given to entries by a roster import.
public struct EntryGroup: Codable, Equatable, Sendable {
    public static let maximumLength = 64

    public var id: UUID
    public var sessionID: UUID
    public var name: String
    public var createdAt: Date

    public init(id: UUID, sessionID: UUID, name: String, createdAt: Date) {
        self.id = id
        self.sessionID = sessionID
        self.name = name
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case sessionID = "session"
        case createdAt = "created_at"
    }

    /// A group name as typed: trimmed, on one line, at most 64 characters.
    public static func name(_ text: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= maximumLength,
            !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw AdmitError(.invalidInput, .groupNameForm(maximum: maximumLength))

        }
        return name
    }
}
