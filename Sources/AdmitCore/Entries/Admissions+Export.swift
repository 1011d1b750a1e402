import Foundation

/// What an export wrote.
public struct ExportOutcome: Sendable {
    public var count: Int
    public var files: [URL]
    /// What the files' layouts want the person exporting to know (one slip per row for long values).
    public var notices: [String] = []
}

extension Admissions {
    /// Writes the credential files for the entries of a session that match `filter`. Passwords appear only for
    /// entries still issued. The disclosure is audited before the files are put in place.
    @discardableResult
    public func export(
        session: TestSession, filter: EntryFilter, to requests: [CredentialFileRequest],
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> ExportOutcome {
        guard !requests.isEmpty else { throw AdmitError(.invalidInput, .noExportFile) }
        let now = clock()
        if let ids = filter.entryIDs { try requireEntries(ids, in: session) }
        let files = try CredentialFiles(requests, heading: try heading(for: session))
        let exported: EntryNumbers = try read { store in
            _ = try groupNames(of: session, requiring: filter.group, store: store)
            let total = try store.entryCount(session: session.id, filter: filter, now: now)
            guard total > 0 else {
                throw AdmitError(.notFound, .noEntriesMatch(session.name, filter: Self.describe(filter)))
            }
            var numbers = EntryNumbers()
            var pass = 0  // the rows are handed over twice: measured, then written; progress is the writing
            try files.write { add in
                numbers = EntryNumbers()
                pass += 1
                try store.forEachEntry(session: session.id, filter: filter, now: now) { entry in
                    try add(row(entry, password: try password(of: entry, store: store, at: now), session: session, at: now))
                    numbers.append(entry.number)
                    if pass == 2 { progress?(numbers.count, total) }
                }
            }
            return numbers
        }
        try write { store in
            try store.append(
                audit(
                    .entriesExported, session: session.id, at: now,
                    .init(
                        count: exported.count, numbers: exported.description, files: files.targets.map(\.path),
                        filter: Self.describe(filter))))
        }
        try files.commit()
        return ExportOutcome(count: exported.count, files: files.targets, notices: files.notices)
    }

    /// Refuses the whole request when any of `ids` is not an entry of `session`.
    func requireEntries(_ ids: [UUID], in session: TestSession) throws {
        let found = try read { try $0.entries(ids: ids) }.filter { $0.sessionID == session.id }
        let missing = Set(ids).subtracting(found.map(\.id))
        guard missing.isEmpty else {
            throw AdmitError(.notFound, .entriesNotInSession(missing.map { $0.lowercased }.sorted(), session: session.name))

        }
    }

    static func describe(_ filter: EntryFilter) -> String? {
        var parts: [String] = []
        if let state = filter.state { parts.append("state \(state.rawValue)") }
        if let batch = filter.batchID { parts.append("batch \(batch.lowercased)") }
        if let ids = filter.entryIDs { parts.append("\(ids.count) selected entries") }
        if let group = filter.group { parts.append("group \(group)") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
