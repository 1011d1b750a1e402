import Foundation

extension Admissions {
    /// Writes the sheet of chosen entries again while their passwords are still sealed (a lost slip): an export of
    /// those entries, audited as one. An entry with nothing to hand out (registered, withdrawn, expired) refuses the
    /// whole request, saying what would help.
    @discardableResult
    public func reprint(session: TestSession, entries ids: [UUID], to requests: [CredentialFileRequest]) throws -> ExportOutcome {
        guard !ids.isEmpty else { throw AdmitError(.invalidInput, .noEntriesNamed(.reprint)) }
        try requireEntries(ids, in: session)
        let now = clock()
        let entries = try read { try $0.entries(ids: ids) }.sorted { $0.number < $1.number }
        let spent = entries.filter { $0.state(at: now) != .issued || $0.sealedPassword == nil }
        if !spent.isEmpty {
            let mentioned = spent.map { EntryMention(number: $0.number, detail: $0.state(at: now).rawValue) }
            throw AdmitError(
                .conflict, .nothingToReprint(session.name, mentioned, allWithdrawn: spent.allSatisfy { $0.storedState == .withdrawn }))

        }
        return try export(session: session, filter: EntryFilter(entryIDs: entries.map(\.id)), to: requests)
    }
}
