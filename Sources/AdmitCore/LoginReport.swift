import Foundation

/// A session's login report: how many entries are in each state, and a row per entry.
public struct LoginReport: Encodable, Sendable {
    public var session: TestSession
    public var generatedAt: Date
    public var counts: [EntryState: Int]
    public var entries: [EntrySummary]

    enum CodingKeys: String, CodingKey {
        case session, counts, entries
        case generatedAt = "generated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(session, forKey: .session)
        try container.encode(generatedAt, forKey: .generatedAt)
        try container.encode(Dictionary(uniqueKeysWithValues: EntryState.allCases.map { ($0.rawValue, counts[$0] ?? 0) }), forKey: .counts)
        try container.encode(entries, forKey: .entries)
    }
}

extension Admissions {
    public func entries(of session: TestSession, filter: EntryFilter = EntryFilter()) throws -> [EntrySummary] {
        let now = clock()
        return try store.read { store in
            var result: [EntrySummary] = []
            try store.forEachEntry(session: session.id, filter: filter, now: now) { result.append(EntrySummary($0, at: now)) }
            return result
        }
    }

    public func report(session: TestSession) throws -> LoginReport {
        let rows = try entries(of: session)
        let counts = Dictionary(grouping: rows, by: \.state).mapValues(\.count)
        return LoginReport(session: session, generatedAt: clock(), counts: counts, entries: rows)
    }
}
