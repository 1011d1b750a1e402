import Foundation

/// Which entries a login report lists.
public enum ReportFilter: String, Sendable {
    /// Entries locked now by failed sign-ins (who needs an unlock).
    case locked
    /// Logins whose first login is not done yet: unused, or signed in without choosing a password (who still
    /// needs help at the start of the exam).
    case notSignedIn = "not-signed-in"
}

/// A session's login report: how many entries are in each state, and a row per entry.
public struct LoginReport: Encodable, Sendable {
    public var session: TestSession
    public var generatedAt: Date
    /// The counts are of the entries listed: all of the session's, or those the filter keeps.
    public var counts: [EntryState: Int]
    public var entries: [EntrySummary]
    public var filter: ReportFilter?

    public init(session: TestSession, generatedAt: Date, counts: [EntryState: Int], entries: [EntrySummary], filter: ReportFilter? = nil) {
        self.session = session
        self.generatedAt = generatedAt
        self.counts = counts
        self.entries = entries
        self.filter = filter
    }

    enum CodingKeys: String, CodingKey {
        case session, counts, entries, filter
        case generatedAt = "generated_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(session, forKey: .session)
        try container.encode(generatedAt, forKey: .generatedAt)
        try container.encodeIfPresent(filter?.rawValue, forKey: .filter)
        try container.encode(Dictionary(uniqueKeysWithValues: EntryState.allCases.map { ($0.rawValue, counts[$0] ?? 0) }), forKey: .counts)
        try container.encode(entries, forKey: .entries)
    }
}

/// A page of a session's entries (`Admissions.entryPage`).
public struct EntryPage: Sendable {
    public var entries: [EntrySummary]
    /// All of the session's entries.
    public var total: Int
    public var page: Int
    public var pages: Int
    /// How many entries the batch asked about holds.
    public var batchCount: Int
}

extension Admissions {
    public func entries(of session: TestSession, filter: EntryFilter = EntryFilter()) throws -> [EntrySummary] {
        let now = clock()
        return try read { store in
            let groups = try groupNames(of: session, requiring: filter.group, store: store)
            var result: [EntrySummary] = []
            try store.forEachEntry(session: session.id, filter: filter, now: now) { entry in
                result.append(EntrySummary(entry, at: now, group: entry.groupID.flatMap { groups[$0] }))
            }
            return result
        }
    }

    /// One page of a session's entries in number order, cut by the store: page `requested`, or the page where
    /// `batch` starts (so a new batch is on the page shown), or the first.
    public func entryPage(of session: TestSession, page requested: Int?, size: Int, showing batch: UUID? = nil) throws -> EntryPage {
        let now = clock()
        return try read { store in
            let total = try store.entryCount(session: session.id, filter: EntryFilter(), now: now)
            let pages = max(1, (total + size - 1) / size)
            let batchCount = try batch.map { try store.entryCount(session: session.id, filter: EntryFilter(batchID: $0), now: now) } ?? 0
            var page = requested
            if page == nil, let batch, batchCount > 0 {
                var first: Int?
                try store.forEachEntry(session: session.id, filter: EntryFilter(batchID: batch, slice: 0..<1), now: now) { first = $0.number }
                if let first {
                    page = try store.entryCount(session: session.id, filter: EntryFilter(numberBelow: first), now: now) / size + 1
                }
            }
            let shown = min(pages, max(1, page ?? 1))
            let groups = try groupNames(of: session, requiring: nil, store: store)
            var entries: [EntrySummary] = []
            let slice = (shown - 1) * size..<shown * size
            try store.forEachEntry(session: session.id, filter: EntryFilter(slice: slice), now: now) { entry in
                entries.append(EntrySummary(entry, at: now, group: entry.groupID.flatMap { groups[$0] }))
            }
            return EntryPage(entries: entries, total: total, page: shown, pages: pages, batchCount: batchCount)
        }
    }

    public func report(session: TestSession, only filter: ReportFilter? = nil) throws -> LoginReport {
        let rows = try entries(of: session).filter { row in
            switch filter {
            case .locked?: row.lockedUntil != nil  // a summary keeps a lock only while it holds
            case .notSignedIn?: row.state == .issued
            case nil: true
            }
        }
        let counts = Dictionary(grouping: rows, by: \.state).mapValues(\.count)
        return LoginReport(session: session, generatedAt: clock(), counts: counts, entries: rows, filter: filter)
    }

    /// The session's group names by id; refuses a filter's group that the session does not have.
    func groupNames(of session: TestSession, requiring group: String?, store: any StoreReader) throws -> [UUID: String] {
        let groups = try store.groups(session: session.id)
        if let group, !groups.contains(where: { $0.name.lowercased() == group.lowercased() }) {
            throw AdmitError(.notFound, .noSuchGroup(group, session: session.name, groups: groups.map(\.name)))

        }
        return Dictionary(groups.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}
