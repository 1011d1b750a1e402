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
        let upload = prepared.upload
        // Planned a chunk at a time, as an import commits them; of each plan only its outcome is kept.
        let planned: [(outcome: ImportRow.Outcome, error: String?)] = try read { store in
            try stride(from: 0, to: upload.rows.count, by: Self.importChunk).flatMap { start in
                let chunk = prepared.values(start..<min(start + Self.importChunk, upload.rows.count))
                return try prepared.check.plan(chunk, store: store, admissions: self).map { (outcome: $0.outcome, error: $0.error) }
            }
        }
        var counts = ImportCounts()
        for plan in planned { counts.count(plan.outcome) }
        let errors = zip(upload.rows, planned).compactMap { row, plan in plan.error.map { ImportReport.RowError(row: row.number, message: $0) } }
        if let errorFile, !errors.isEmpty {
            let rows = zip(upload.rows, planned).map { row, plan in
                ImportRow(jobID: UUID(), number: row.number, cells: prepared.kept(row.cells), outcome: plan.outcome, error: plan.error)
            }
            let files = try TableFiles([errorFile])
            try files.write(ImportTables.errors(header: upload.header, mapping: prepared.mapping, rows: rows), at: 0)
            try files.commit()
        }
        return prepared.report(job: nil, counts: counts, errors: errors)
    }

    /// Imports a roster as a job: recorded first (queued, with the rows as uploaded but without passwords),
    /// then committed in transactions of up to 500 rows. Valid rows are imported, invalid ones left out and
    /// reported; a file that cannot be read as a roster at all is refused and records nothing.
    public func importRoster(
        into session: TestSession, _ upload: RosterUpload,
        progress: ((_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> ImportReport {
        let prepared = try prepareImport(into: session, upload)
        let upload = prepared.upload
        let now = clock()
        var job = ImportJob(
            id: try random.uuid(), sessionID: session.id, fileName: upload.fileName, format: upload.format,
            header: upload.header, state: .queued, createdAt: now, createdBy: actor, rowCount: upload.rows.count)
        job.heldBy = Self.processName
        job.heldUntil = now.addingTimeInterval(Self.importHold)
        try write { store in
            try store.insert(job)
            for row in upload.rows { try store.insert(ImportRow(jobID: job.id, number: row.number, cells: prepared.kept(row.cells))) }
            try store.append(
                audit(
                    .importStarted, session: session.id, at: now,
                    .init(job: job.id, count: upload.rows.count, files: [upload.fileName])))
        }
        job.state = .inProgress
        job.startedAt = clock()
        job.heldUntil = clock().addingTimeInterval(Self.importHold)
        try write { [job] in try $0.update(job) }

        var errors: [ImportReport.RowError] = []
        var done = 0
        do {
            for start in stride(from: 0, to: upload.rows.count, by: Self.importChunk) {
                let chunk = prepared.values(start..<min(start + Self.importChunk, upload.rows.count))
                let cells = upload.rows[start..<start + chunk.count].map { prepared.kept($0.cells) }
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
                progress?(done, upload.rows.count)
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
                        .init(job: job.id, count: job.counts.new, reason: "failed after \(done) of \(counted(upload.rows.count, "row", "rows"))")))
            }
            throw AdmitError(
                refusal.kind, .importStopped(done: done, of: upload.rows.count, job: job.id.lowercased, refusal.reason), detail: refusal.detail)
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
    /// the file-wide checks. A file that would keep more than `ImportLimits.jobText` is refused here, before
    /// anything is recorded.
    private func prepareImport(into session: TestSession, _ upload: RosterUpload) throws -> PreparedImport {
        let upload = upload.withoutAdmitWrittenColumns()
        let mapping = try RosterMapping(header: upload.header, overrides: upload.overrides)
        guard !upload.rows.isEmpty else {
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
        let values = upload.rows.lazy.map { RosterValues(number: $0.number, cells: $0.cells, header: upload.header, mapping: mapping) }
        let check = RosterCheck(session: session, rows: values, today: clock(), defaultPassword: upload.defaultPassword)
        var prepared = PreparedImport(upload: upload, mapping: mapping, check: check)
        var kept = 0
        var cut: Set<Int> = []
        let plain = prepared.unused.subtracting(mapping.secretColumns)
        for row in upload.rows {
            kept += prepared.kept(row.cells).reduce(0) { $0 + $1.utf8.count }
            for index in plain where index < row.cells.count {
                if ImportLimits.isLonger(row.cells[index], than: ImportLimits.unusedCellCharacters) { cut.insert(index) }
            }
        }
        guard kept <= ImportLimits.jobText else {
            throw AdmitError(.invalidInput, .importTooLarge)

        }
        prepared.cutHeadings = cut.sorted().map { upload.header[$0] }
        return prepared
    }
}

/// An upload checked as a whole and ready to plan: its rows' checked values are made a chunk at a time, so a big
/// file is in memory once, as read.
private struct PreparedImport {
    var upload: RosterUpload
    var mapping: RosterMapping
    var check: RosterCheck
    /// The headings of the columns Admit does not use whose long cells are kept cut.
    var cutHeadings: [String] = []

    init(upload: RosterUpload, mapping: RosterMapping, check: RosterCheck) {
        self.upload = upload
        self.mapping = mapping
        self.check = check
        let used = Set(mapping.columns.values)
        unused = Set(upload.header.indices.filter { !used.contains($0) })
    }

    /// The columns of no roster field.
    let unused: Set<Int>

    func values(_ range: Range<Int>) -> [RosterValues] {
        upload.rows[range].map { RosterValues(number: $0.number, cells: $0.cells, header: upload.header, mapping: mapping) }
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

    func report(job: ImportJob?, counts: ImportCounts, errors: [ImportReport.RowError]) -> ImportReport {
        ImportReport(job: job, counts: counts, errors: errors, ignoredHeadings: mapping.ignored, cutHeadings: cutHeadings)
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
