import Foundation

/// The three files of an import job.
public enum ImportFileKind: String, CaseIterable, Sendable {
    case uploaded, completed, errors
}

extension Admissions {
    /// Import jobs, newest first: of one session, or of all. A job whose process stopped is failed first, so
    /// no list shows it "in progress".
    public func importJobs(session: TestSession?) throws -> [ImportJob] {
        try failAbandonedImports()
        return try read { try $0.importJobs(session: session?.id) }
    }

    /// Marks failed, with the reason, every import whose process stopped while running it (its hold ran out):
    /// the rows it committed stay; the others were never imported. Returns how many it marked.
    @discardableResult
    public func failAbandonedImports() throws -> Int {
        let now = clock()
        let abandoned = try read { try $0.abandonedImportJobs(at: now) }
        guard !abandoned.isEmpty else { return 0 }
        return try write { store in
            // Read again inside the transaction: another server may have marked them, or the job renewed its hold.
            let jobs = try store.abandonedImportJobs(at: now)
            for var job in jobs {
                let done = job.counts.new + job.counts.updated + job.counts.unchanged + job.counts.errors
                job.state = .failed
                job.failure =
                    "the process running it (\(job.heldBy ?? "an older Admit")) stopped after \(done) of \(counted(job.rowCount, "row", "rows")); import the rows it did not reach again"
                job.finishedAt = now
                job.heldUntil = nil
                try store.update(job)
                try store.append(
                    audit(
                        .importFinished, session: job.sessionID, at: now,
                        .init(job: job.id, count: job.counts.new, reason: "abandoned after \(done) of \(counted(job.rowCount, "row", "rows"))")))
            }
            return jobs.count
        }
    }

    /// An import job by its id, or by the first characters of it (at least 8) when those name one job.
    public func importJob(_ text: String) throws -> ImportJob {
        let typed = text.trimmingCharacters(in: .whitespaces).lowercased()
        try failAbandonedImports()
        let jobs = try read { store -> [ImportJob] in
            if let id = UUID(uuidString: typed) { return try store.importJob(id: id).map { [$0] } ?? [] }
            guard typed.count >= 8 else { return [] }
            return try store.importJobs(idPrefix: typed)
        }
        guard jobs.count == 1, let job = jobs.first else {
            throw AdmitError(.notFound, jobs.isEmpty ? .importJobNotFound(text) : .importJobAmbiguous(text, count: jobs.count))
        }
        return job
    }

    /// The job a staff member asked for and its session, if the member may `permission` it. Another
    /// institution's job gets the answer a job that does not exist gets, naming only what was typed.
    public func importJob(_ text: String, for member: StaffMember, may permission: StaffPermission) throws -> (ImportJob, TestSession) {
        let missing = AdmitError(.notFound, .noVisibleImportJob(text))

        guard let job = try? importJob(text), let session = try read({ try $0.session(id: job.sessionID) }),
            member.may(.view, institution: session.institutionCode)
        else { throw missing }
        try authorize(member, permission, session: session)
        return (job, session)
    }

    /// The rows of a job that went wrong, with what to fix.
    public func importErrors(of job: ImportJob) throws -> [ImportReport.RowError] {
        try read { try $0.importRows(job: job.id) }.compactMap { row in
            row.outcome == .error ? ImportReport.RowError(row: row.number, message: row.error ?? "") : nil
        }
    }

    /// Writes a job's three files (0600, each renamed into place); the completed file holds the temporary
    /// passwords Admit made for entries still issued, so writing it is audited as a disclosure.
    @discardableResult
    public func writeImportFiles(of job: ImportJob, to requests: [ImportFileKind: TableFileRequest]) throws -> [URL] {
        let now = clock()
        let kinds = ImportFileKind.allCases.filter { requests[$0] != nil }
        let files = try TableFiles(kinds.compactMap { requests[$0] })
        let mapping = RosterMapping(filesOf: job.header)
        let disclosed: Int = try read { store in
            let rows = try store.importRows(job: job.id)
            var disclosed = 0
            for (index, kind) in kinds.enumerated() {
                switch kind {
                case .uploaded:
                    try files.write(ImportTables.uploaded(header: job.header, rows: rows), at: index)
                case .errors:
                    try files.write(ImportTables.errors(header: job.header, mapping: mapping, rows: rows), at: index)
                case .completed:
                    let processed = rows.filter { $0.outcome == .created || $0.outcome == .updated || $0.outcome == .unchanged }
                    let entries = Dictionary(
                        try store.entries(ids: processed.compactMap(\.entryID)).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                    let items = try processed.map { row in
                        let entry = row.entryID.flatMap { entries[$0] }
                        var password: String?
                        if row.passwordSource == .generated, let entry { password = try self.password(of: entry, store: store, at: now) }
                        if password != nil { disclosed += 1 }
                        return (row: row, username: entry?.loginUsername ?? "", password: password)
                    }
                    try files.write(ImportTables.completed(header: job.header, mapping: mapping, rows: items), at: index)
                }
            }
            return disclosed
        }
        try write { store in
            try store.append(
                audit(
                    .importFilesWritten, session: job.sessionID, at: now,
                    .init(job: job.id, count: disclosed, files: files.targets.map(\.path), reason: "\(disclosed) temporary passwords")))
        }
        try files.commit()
        return files.targets
    }
}
