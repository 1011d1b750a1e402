import Foundation

/// An entry as lists, reports and the JSON output show it: never a secret.
public struct EntrySummary: Codable, Equatable, Sendable {
    public var guid: UUID
    public var number: Int
    public var username: String
    public var state: EntryState
    public var batch: UUID
    public var createdAt: Date
    public var expiresAt: Date
    public var withdrawnAt: Date?

    public init(_ entry: Entry, at now: Date) {
        guid = entry.id
        number = entry.number
        username = entry.username
        state = entry.state(at: now)
        batch = entry.batchID
        createdAt = entry.createdAt
        expiresAt = entry.expiresAt
        withdrawnAt = entry.withdrawnAt
    }

    enum CodingKeys: String, CodingKey {
        case guid, number, username, state, batch
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case withdrawnAt = "withdrawn_at"
    }
}
