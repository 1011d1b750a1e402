import AdmitCore
import Foundation

// Named rosters: groups, candidate numbers, import jobs and their rows.
extension PostgresTransaction {
    func groups(session: UUID) throws -> [EntryGroup] {
        // By name in any case, as SQLite orders its NOCASE column.
        try db.exec("SELECT * FROM entry_group WHERE session_id = $1 ORDER BY lower(name), name", [.uuid(session)])
            .map(EntryGroup.init(pgRow:))
    }

    func insert(_ group: EntryGroup) throws {
        try db.exec(
            "INSERT INTO entry_group (id, session_id, name, created_at) VALUES ($1, $2, $3, $4)",
            [.uuid(group.id), .uuid(group.sessionID), .text(group.name), .date(group.createdAt)])
    }

    func entries(session: UUID, candidateNumbers numbers: [String]) throws -> [Entry] {
        guard !numbers.isEmpty else { return [] }
        // upper() on both sides, so that the numbers fold as the index's upper(candidate_number) does.
        return try db.exec(
            """
            SELECT * FROM entry WHERE session_id = $1 AND candidate_number IS NOT NULL
                AND upper(candidate_number) = ANY(SELECT upper(number) FROM unnest($2) AS number)
            """, [.uuid(session), .textArray(numbers)]
        ).map(Entry.init(pgRow:))
    }

    func updateDetails(entry: UUID, details: CandidateDetails?, groupID: UUID?, at date: Date) throws {
        try db.exec(
            """
            UPDATE entry SET given_name = $1, family_name = $2, birth_date = $3, email = $4, candidate_number = $5, group_id = $6,
                updated_at = $7
            WHERE id = $8
            """,
            [
                PGValue(details?.givenName), PGValue(details?.familyName), PGValue(details?.birthDate), PGValue(details?.email),
                PGValue(details?.candidateNumber), PGValue(groupID), .date(date), .uuid(entry),
            ])
    }

    func importJob(id: UUID) throws -> ImportJob? {
        try db.exec("SELECT * FROM import_job WHERE id = $1", [.uuid(id)]).first.map(ImportJob.init(pgRow:))
    }

    func importJobs(session: UUID?) throws -> [ImportJob] {
        let rows =
            if let session {
                try db.exec("SELECT * FROM import_job WHERE session_id = $1 ORDER BY created_at DESC, rowid DESC", [.uuid(session)])
            } else {
                try db.exec("SELECT * FROM import_job ORDER BY created_at DESC, rowid DESC")
            }
        return rows.map(ImportJob.init(pgRow:))
    }

    func importJobs(idPrefix prefix: String) throws -> [ImportJob] {
        // A uuid's text is lower case; a prefix of hex digits and dashes needs no escaping.
        guard prefix.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { return [] }
        return try db.exec(
            "SELECT * FROM import_job WHERE id::text LIKE $1 ORDER BY created_at DESC, rowid DESC", [.text(prefix.lowercased() + "%")]
        ).map(ImportJob.init(pgRow:))
    }

    func importRows(job: UUID) throws -> [ImportRow] {
        try db.exec("SELECT * FROM import_row WHERE job_id = $1 ORDER BY number", [.uuid(job)]).map(ImportRow.init(pgRow:))
    }

    func insert(_ job: ImportJob) throws {
        let header = String(decoding: try JSONEncoder().encode(job.header), as: UTF8.self)
        try db.exec(
            """
            INSERT INTO import_job (id, session_id, file_name, format, header, state, created_at, created_by, row_count, held_by, held_until)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """,
            [
                .uuid(job.id), .uuid(job.sessionID), .text(job.fileName), .text(job.format.rawValue), .text(header),
                .text(job.state.rawValue), .date(job.createdAt), .text(job.createdBy), PGValue(job.rowCount), PGValue(job.heldBy),
                PGValue(job.heldUntil),
            ])
    }

    func update(_ job: ImportJob) throws {
        try db.exec(
            """
            UPDATE import_job SET state = $1, started_at = $2, finished_at = $3, created_count = $4, updated_count = $5,
                unchanged_count = $6, error_count = $7, failure = $8, held_by = $9, held_until = $10
            WHERE id = $11
            """,
            [
                .text(job.state.rawValue), PGValue(job.startedAt), PGValue(job.finishedAt), PGValue(job.counts.new),
                PGValue(job.counts.updated), PGValue(job.counts.unchanged), PGValue(job.counts.errors), PGValue(job.failure),
                PGValue(job.heldBy), PGValue(job.heldUntil), .uuid(job.id),
            ])
    }

    func abandonedImportJobs(at now: Date) throws -> [ImportJob] {
        // A job without a hold was started by an Admit that kept none: its process is long gone.
        try db.exec(
            """
            SELECT * FROM import_job WHERE state IN ('queued', 'in progress') AND (held_until IS NULL OR held_until < $1)
            ORDER BY created_at, rowid
            """, [.date(now)]
        ).map(ImportJob.init(pgRow:))
    }

    func insert(_ row: ImportRow) throws {
        let cells = String(decoding: try JSONEncoder().encode(row.cells), as: UTF8.self)
        try db.exec(
            "INSERT INTO import_row (job_id, number, cells, outcome) VALUES ($1, $2, $3, $4)",
            [.uuid(row.jobID), PGValue(row.number), .text(cells), .text(row.outcome.rawValue)])
    }

    func update(_ row: ImportRow) throws {
        try db.exec(
            "UPDATE import_row SET outcome = $1, error = $2, entry_id = $3, password_source = $4 WHERE job_id = $5 AND number = $6",
            [
                .text(row.outcome.rawValue), PGValue(row.error), PGValue(row.entryID), PGValue(row.passwordSource?.rawValue),
                .uuid(row.jobID), PGValue(row.number),
            ])
    }
}
