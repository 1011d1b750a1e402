import AdmitCrypto
import Foundation

extension Admissions {
    /// Rows an import commits per transaction: each chunk is one batch of new entries.
    static let importChunk = Batch.sizes.upperBound
    /// How long a running import's process holds its job without committing a chunk; past it, the job is
    /// taken to be abandoned (its process stopped) and marked failed.
    static let importHold: TimeInterval = 5 * 60
    /// Names this process in a job's hold: host and process id.
    static let processName = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"

    /// Checks every row of a roster as an import would (`--dry-run`), changing nothing. When `errorFile` is
    /// given and a row is wrong, writes the rows there with an `Error` column.
    public func verifyImport(into session: TestSession, _ upload: RosterUpload, errorFile: TableFileRequest? = nil) throws -> ImportReport {
        let prepared = try prepareImport(into: session, upload)
        // Planned a chunk at a time, as an import commits them; of each plan only its outcome and error are kept.
        let planned = try read { store in
            var planned: (outcomes: [ImportRow.Outcome], errors: [ImportReport.RowError]) = ([], [])
            try prepared.forEachChunk { chunk in
                for (row, plan) in zip(chunk, try prepared.check.plan(prepared.values(chunk), store: store, admissions: self)) {
                    planned.outcomes.append(plan.outcome)
                    if let error = plan.error { planned.errors.append(.init(row: row.number, message: error)) }
                }
            }
            return planned
        }
        var counts = ImportCounts()
        for outcome in planned.outcomes { counts.count(outcome) }
        if let errorFile, !planned.errors.isEmpty {
            // The rows read again; the errors are in row order, one for each row in error.
            var errors = planned.errors.makeIterator()
            var rows: [ImportRow] = []
            try prepared.rows.forEachRow { row in
                let outcome = planned.outcomes[rows.count]
                let error = outcome == .error ? errors.next()?.message : nil
                rows.append(ImportRow(jobID: UUID(), number: row.number, cells: prepared.kept(row.cells), outcome: outcome, error: error))
            }
            let files = try TableFiles([errorFile])
            try files.write(ImportTables.errors(header: prepared.header, mapping: prepared.mapping, rows: rows), at: 0)
            try files.commit()
        }
        return prepared.report(job: nil, counts: counts, errors: planned.errors)
    }

    /// Imports a roster as a job: recorded first (queued, with the rows as uploaded but without passwords),
    /// then committed in transactions of up to 500 rows. Valid rows are imported, invalid ones left out and
    /// reported; a file that cannot be read as a roster at all is refused and records nothing.
    public func importRoster(
        into session: TestSession, _ upload: RosterUpload,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> ImportReport {
        let prepared = try prepareImport(into: session, upload)
        let total = prepared.rows.count
        let now = clock()
        var job = ImportJob(
            id: try random.uuid(), sessionID: session.id, fileName: upload.fileName, format: upload.format,
            header: prepared.header, state: .queued, createdAt: now, createdBy: actor, rowCount: total)
        job.heldBy = Self.processName
        job.heldUntil = now.addingTimeInterval(Self.importHold)
        try write { [job] store in
            try store.insert(job)
            try prepared.rows.forEachRow { try store.insert(ImportRow(jobID: job.id, number: $0.number, cells: prepared.kept($0.cells))) }
            try store.append(
                audit(
                    .importStarted, session: session.id, at: now,
                    .init(job: job.id, count: total, files: [upload.fileName])))
        }
        job.state = .inProgress
        job.startedAt = clock()
        job.heldUntil = clock().addingTimeInterval(Self.importHold)
        try write { [job] in try $0.update(job) }

        var errors: [ImportReport.RowError] = []
        var done = 0
        do {
            try prepared.forEachChunk { rows in
                let chunk = prepared.values(rows)
                let cells = rows.map { prepared.kept($0.cells) }
                let committed = try write(retryingOn: [.personalUsername, .groupName]) { [job] store in
                    let counts = try commit(chunk, cells: cells, of: job, check: prepared.check, session: session, store: store)
                    var updated = job
                    updated.counts = job.counts + counts.counts
                    updated.heldUntil = clock().addingTimeInterval(Self.importHold)
                    try store.update(updated)
                    return (job: updated, errors: counts.errors)
                }
                job = committed.job
                errors += committed.errors
                done += chunk.count
                progress?(done, total)
            }
        } catch {
            // Whatever stopped it (the store, the random source, the key), the job says so and keeps what it committed.
            let refusal = AdmitError(below: error)
            job.state = .failed
            job.failure = refusal.message
            job.finishedAt = clock()
            job.heldUntil = nil
            try? write { [job] store in
                try store.update(job)
                try store.append(
                    audit(
                        .importFinished, session: session.id, at: job.finishedAt ?? now,
                        .init(job: job.id, count: job.counts.new, reason: "failed after \(done) of \(counted(total, "row", "rows"))")))
            }
            throw AdmitError(
                refusal.kind, .importStopped(done: done, of: total, job: job.id.lowercased, refusal.reason), detail: refusal.detail)
        }
        job.state = job.counts.errors == 0 ? .completed : .completedWithErrors
        job.finishedAt = clock()
        job.heldUntil = nil
        try write { [job] store in
            try store.update(job)
            try store.append(
                audit(
                    .importFinished, session: session.id, at: job.finishedAt ?? now,
                    .init(job: job.id, count: job.counts.new, reason: job.state.rawValue)))
        }
        return prepared.report(job: job, counts: job.counts, errors: errors)
    }

    /// Plans and applies one chunk of rows inside a write transaction, checking them again against the store as it is now.
    private func commit(
        _ rows: [RosterValues], cells: [[String]], of job: ImportJob, check: RosterCheck, session: TestSession,
        store: any StoreWriter
    ) throws -> (counts: ImportCounts, errors: [ImportReport.RowError]) {
        let now = clock()
        let plans = try check.plan(rows, store: store, admissions: self)
        let creating = plans.filter { if case .create = $0 { true } else { false } }.count
        // The chunk's new entries are one batch; a chunk that makes none has none.
        let batch =
            creating == 0
            ? nil
            : Batch(
                id: try random.uuid(), sessionID: session.id, requestKey: nil, size: creating,
                createdAt: now, createdBy: actor, importJobID: job.id)
        if let batch { try store.insert(batch) }
        let sealer = try keys.sealer(creatingIn: store)
        var groups = GroupFinder(session: session, store: store, random: random, at: now)
        var number = creating == 0 ? 0 : try store.reserveEntryNumbers(session: session.id, count: creating)
        var created = EntryNumbers()
        var counts = ImportCounts()
        var errors: [ImportReport.RowError] = []
        for (index, (row, plan)) in zip(rows, plans).enumerated() {
            var record = ImportRow(jobID: job.id, number: row.number, cells: cells[index], outcome: plan.outcome, error: plan.error)
            switch plan {
            case .create(let named):
                guard let batch else { preconditionFailure("a chunk that creates entries has a batch") }
                let username =
                    try named.username
                    ?? freePersonalUsername(
                        session.usernameTemplate.base(for: named.details),
                        institution: session.institutionCode,
                        reserved: check.givenUsernames, store: store)
                let password = try named.password ?? CredentialPolicy.code(length: CredentialPolicy().passwordLength, random: random)
                let id = try random.uuid()
                var entry = Entry(
                    id: id, sessionID: session.id, batchID: batch.id, number: number, username: username,
                    sealedPassword: try seal(password, of: id, with: sealer), storedState: .issued, createdAt: now,
                    expiresAt: Entry.expiry(createdAt: now, session: session), institutionCode: session.institutionCode)
                entry.kind = .named
                entry.personalUsername = username
                entry.details = named.details
                entry.groupID = try groups.id(named: named.groupName)
                try store.insert(entry)
                record.entryID = id
                record.passwordSource = named.passwordSource
                created.append(number)
                number += 1
            case .update(let entry, let details, let groupName):
                try store.updateDetails(entry: entry.id, details: details ?? entry.details, groupID: try groups.id(named: groupName), at: now)
                record.entryID = entry.id
            case .unchanged(let entry):
                record.entryID = entry.id
            case .error(let message):
                errors.append(.init(row: row.number, message: message))
            }
            counts.count(plan.outcome)
            try store.update(record)
        }
        try store.append(
            audit(
                .importCommitted, session: session.id, at: now,
                .init(
                    batch: batch?.id, job: job.id, count: counts.new + counts.updated,
                    numbers: created.count > 0 ? created.description : nil,
                    reason: "\(counts.new) new, \(counts.updated) updated, \(counts.unchanged) unchanged, \(counts.errors) errors")))
        return (counts, errors)
    }

    /// What verify and import share: the upload without the columns Admit wrote itself, the heading mapping and
    /// the file-wide checks, from one read of the rows that keeps only their keys. A file that would keep more than
    /// `ImportLimits.jobText` is refused here, before anything is recorded.
    private func prepareImport(into session: TestSession, _ upload: RosterUpload) throws -> PreparedImport {
        let (header, rows) = upload.withoutAdmitWrittenColumns()
        let mapping = try RosterMapping(header: header, overrides: upload.overrides)
        guard rows.count > 0 else {
            throw AdmitError(.invalidInput, .noCandidateRows)
        }
        if let password = upload.defaultPassword {
            do {
                try CredentialPolicy.requirePrintable(password)
                try PasswordPolicy().check(password, genericPassword: "", usernames: [], details: CandidateDetails(givenName: "", familyName: ""))
            } catch let error as AdmitError {
                throw AdmitError(.invalidInput, .defaultPasswordRefused(error.reason), field: .defaultPassword)
            }
        }
        let keeping = KeptCells(header: header, mapping: mapping)
        var keys = RosterCheck.Keys()
        var kept = 0
        var cut: Set<Int> = []
        let plain = keeping.unused.subtracting(mapping.secretColumns)
        try rows.forEachRow { row in
            keys.add(RosterValues(number: row.number, cells: row.cells, header: header, mapping: mapping))
            kept += keeping.kept(row.cells).reduce(0) { $0 + $1.utf8.count }
            for index in plain where index < row.cells.count {
                if ImportLimits.isLonger(row.cells[index], than: ImportLimits.unusedCellCharacters) { cut.insert(index) }
            }
        }
        guard kept <= ImportLimits.jobText else {
            throw AdmitError(.invalidInput, .importTooLarge)

        }
        return PreparedImport(
            header: header, rows: rows, keeping: keeping,
            check: RosterCheck(session: session, keys: keys, today: clock(), defaultPassword: upload.defaultPassword),
            cutHeadings: cut.sorted().map { header[$0] })
    }
}

/// An upload checked as a whole and ready to plan: its rows are read again a chunk at a time, and their checked
/// values made then, so a big file is never in memory as rows.
private struct PreparedImport {
    /// The file's heading without the columns Admit wrote.
    let header: [String]
    let rows: any RosterRows
    let keeping: KeptCells
    let check: RosterCheck
    /// The headings of the columns Admit does not use whose long cells are kept cut.
    let cutHeadings: [String]

    var mapping: RosterMapping { keeping.mapping }

    /// Calls `body` with the rows in order, `Admissions.importChunk` at a time.
    func forEachChunk(_ body: ([RosterUpload.Row]) throws -> Void) throws {
        var chunk: [RosterUpload.Row] = []
        chunk.reserveCapacity(Admissions.importChunk)
        try rows.forEachRow { row in
            chunk.append(row)
            if chunk.count == Admissions.importChunk {
                try body(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { try body(chunk) }
    }

    func values(_ rows: [RosterUpload.Row]) -> [RosterValues] {
        rows.map { RosterValues(number: $0.number, cells: $0.cells, header: header, mapping: mapping) }
    }

    func kept(_ cells: [String]) -> [String] { keeping.kept(cells) }

    func report(job: ImportJob?, counts: ImportCounts, errors: [ImportReport.RowError]) -> ImportReport {
        ImportReport(job: job, counts: counts, errors: errors, ignoredHeadings: mapping.ignored, cutHeadings: cutHeadings)
    }
}

/// What a job keeps of a row's cells.
private struct KeptCells {
    let mapping: RosterMapping
    /// The columns of no roster field.
    let unused: Set<Int>

    init(header: [String], mapping: RosterMapping) {
        self.mapping = mapping
        let used = Set(mapping.columns.values)
        unused = Set(header.indices.filter { !used.contains($0) })
    }

    /// A row's cells as Admit keeps them: password cells blanked, every cell cut to what a spreadsheet holds, and
    /// those of columns Admit does not use to `ImportLimits.unusedCellCharacters`.
    func kept(_ cells: [String]) -> [String] {
        var cells = cells
        for index in mapping.secretColumns where index < cells.count { cells[index] = "" }
        for index in cells.indices {
            cells[index] = ImportLimits.cut(
                cells[index], to: unused.contains(index) ? ImportLimits.unusedCellCharacters : ImportLimits.cellCharacters)
        }
        return cells
    }
}

/// Finds a session's groups by name (any case), creating those that do not exist yet.
private struct GroupFinder {
    let session: TestSession
    let store: any StoreWriter
    let random: any RandomSource
    let at: Date
    private var known: [String: UUID]?

    init(session: TestSession, store: any StoreWriter, random: any RandomSource, at: Date) {
        self.session = session
        self.store = store
        self.random = random
        self.at = at
    }

    mutating func id(named name: String?) throws -> UUID? {
        guard let name else { return nil }
        if known == nil {
            known = Dictionary(try store.groups(session: session.id).map { ($0.name.lowercased(), $0.id) }, uniquingKeysWith: { a, _ in a })
        }
        if let id = known?[name.lowercased()] { return id }
        let group = EntryGroup(id: try random.uuid(), sessionID: session.id, name: name, createdAt: at)
        try store.insert(group)
        known?[name.lowercased()] = group.id
        return group.id
    }
}
