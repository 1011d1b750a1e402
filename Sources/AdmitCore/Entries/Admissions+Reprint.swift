import Foundation

extension Admissions {
    /// Writes the sheet of chosen entries again while their passwords are still sealed (a lost slip): an export of
    /// those entries, audited as one. An entry with nothing to hand out (registered, withdrawn, expired) refuses the
    /// whole request, saying what would help.
    @discardableResult
    public func reprint(session: TestSession, entries ids: [UUID], to requests: [CredentialFileRequest]) throws -> ExportOutcome {
        guard !ids.isEmpty else { throw AdmitError(.invalidInput, "name at least one entry to reprint") }
        try requireEntries(ids, in: session)
        let now = clock()
        let entries = try read { try $0.entries(ids: ids) }.sorted { $0.number < $1.number }
        let spent = entries.filter { $0.state(at: now) != .issued || $0.sealedPassword == nil }
        if !spent.isEmpty {
            let numbers = spent.map { "#\($0.number) (\($0.state(at: now).rawValue))" }.joined(separator: ", ")
            let help =
                spent.allSatisfy { $0.storedState == .withdrawn }
                ? "a withdrawn entry has no login to print"
                : "give a registered or expired entry a new password with `admit entries reset`"
            throw AdmitError(
                .conflict,
                "\(spent.count == 1 ? "entry" : "entries") \(numbers) of the session \"\(session.name)\" \(spent.count == 1 ? "has" : "have") no password to print again; \(help)"
            )
        }
        return try export(session: session, filter: EntryFilter(entryIDs: entries.map(\.id)), to: requests)
    }
}
