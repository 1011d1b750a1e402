import Foundation

extension Admissions {
    /// Writes entries in the roster template's columns (no passwords), so export → edit → import updates them.
    @discardableResult
    public func exportTemplate(session: TestSession, filter: EntryFilter, to requests: [TableFileRequest]) throws -> ExportOutcome {
        guard !requests.isEmpty else { throw AdmitError(.invalidInput, .noExportFile) }
        let now = clock()
        if let ids = filter.entryIDs { try requireEntries(ids, in: session) }
        let files = try TableFiles(requests)
        let numbers: EntryNumbers = try read { store in
            let groups = try groupNames(of: session, requiring: filter.group, store: store)
            var rows: [[String]] = []
            var numbers = EntryNumbers()
            try store.forEachEntry(session: session.id, filter: filter, now: now) { entry in
                let details = entry.details
                let cells: [RosterColumn: String] = [
                    .candidateNumber: details?.candidateNumber ?? "", .givenName: details?.givenName ?? "",
                    .familyName: details?.familyName ?? "", .email: details?.email ?? "", .birthDate: details?.birthDate ?? "",
                    .group: entry.groupID.flatMap { groups[$0] } ?? "", .username: entry.loginUsername,
                    .password: "", .entryGUID: entry.id.lowercased,
                ]
                rows.append(RosterColumn.allCases.map { cells[$0] ?? "" })
                numbers.append(entry.number)
            }
            guard numbers.count > 0 else {
                throw AdmitError(.notFound, .noEntriesMatch(session.name, filter: Self.describe(filter)))

            }
            let table = TableContent(header: RosterColumn.allCases.map(\.rawValue), rows: rows)
            for index in requests.indices { try files.write(table, at: index) }
            return numbers
        }
        try write { store in
            try store.append(
                audit(
                    .entriesExported, session: session.id, at: now,
                    .init(
                        count: numbers.count, numbers: numbers.description, files: files.targets.map(\.path),
                        filter: ["template columns", Self.describe(filter)].compactMap { $0 }.joined(separator: ", "))))
        }
        try files.commit()
        return ExportOutcome(count: numbers.count, files: files.targets)
    }
}
