import AdmitCore
import Foundation
import GRDB

/// The store's records inside one GRDB transaction.
struct SQLiteTransaction: StoreWriter {
    let db: Database
    let dates = DateValues()
    /// Set when the transaction destroys a sealed secret, so the store can wipe the old copies after the commit.
    var destroyed: DestroyedSecrets?

    // MARK: Institutions

    func institution(code: String) throws -> Institution? {
        try Row.fetchOne(db, sql: "SELECT * FROM institution WHERE code = ?", arguments: [code]).map(Institution.init(row:))
    }

    func institutions() throws -> [Institution] {
        try Row.fetchAll(db, sql: "SELECT * FROM institution ORDER BY code").map(Institution.init(row:))
    }

    func insert(_ institution: Institution) throws {
        try db.execute(
            sql: "INSERT INTO institution (code, name, created_at) VALUES (?, ?, ?)",
            arguments: [institution.code, institution.name, institution.createdAt])
    }

    // MARK: Sessions

    func session(id: UUID) throws -> TestSession? {
        try Row.fetchOne(db, sql: "SELECT * FROM test_session WHERE id = ?", arguments: [id.lowercased]).map(TestSession.init(row:))
    }

    func sessions(named name: String) throws -> [TestSession] {
        try Row.fetchAll(db, sql: "SELECT * FROM test_session WHERE name = ? ORDER BY created_at", arguments: [name])
            .map(TestSession.init(row:))
    }

    func sessions(search: String?, institution: String?) throws -> [TestSession] {
        let pattern =
            "%"
            + (search ?? "").replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        return try Row.fetchAll(
            db,
            sql: "SELECT * FROM test_session WHERE name LIKE ? ESCAPE '\\' AND (? IS NULL OR institution_code = ?) ORDER BY created_at DESC",
            arguments: [pattern, institution, institution]
        ).map(TestSession.init(row:))
    }

    func insert(_ session: TestSession) throws {
        try db.execute(
            sql: """
                INSERT INTO test_session (id, institution_code, name, starts_at, ends_at, created_at, username_template, required_details, sign_in_url)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                session.id.lowercased, session.institutionCode, session.name, session.startsAt, session.endsAt, session.createdAt,
                session.usernameTemplate.description, session.requiredDetails.map(\.rawValue).sorted().joined(separator: ","),
                session.signInURL,
            ])
    }

    func update(_ session: TestSession) throws {
        try db.execute(
            sql: """
                UPDATE test_session SET name = ?, starts_at = ?, ends_at = ?, username_template = ?, required_details = ?, sign_in_url = ?
                WHERE id = ?
                """,
            arguments: [
                session.name, session.startsAt, session.endsAt, session.usernameTemplate.description,
                session.requiredDetails.map(\.rawValue).sorted().joined(separator: ","), session.signInURL, session.id.lowercased,
            ])
    }

    // MARK: Batches

    func batch(requestKey: String) throws -> Batch? {
        try Row.fetchOne(db, sql: "SELECT * FROM batch WHERE request_key = ?", arguments: [requestKey]).map(Batch.init(row:))
    }

    func insert(_ batch: Batch) throws {
        try db.execute(
            sql: """
                INSERT INTO batch (id, session_id, request_key, size, created_at, created_by, import_job_id) VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                batch.id.lowercased, batch.sessionID.lowercased, batch.requestKey, batch.size, batch.createdAt, batch.createdBy,
                batch.importJobID?.lowercased,
            ])
    }

    func deleteBatch(_ id: UUID) throws {
        try db.execute(sql: "DELETE FROM first_login_grant WHERE entry_id IN (SELECT id FROM entry WHERE batch_id = ?)", arguments: [id.lowercased])
        try db.execute(sql: "DELETE FROM entry WHERE batch_id = ?", arguments: [id.lowercased])
        try db.execute(sql: "DELETE FROM batch WHERE id = ?", arguments: [id.lowercased])
        destroyed?.any = true
    }

    // MARK: Entries

    func forEachEntry(session: UUID, filter: EntryFilter, now: Date, _ body: (Entry) throws -> Void) throws {
        let (condition, bound) = Self.condition(session: session, filter: filter, now: now)
        var (sql, arguments) = ("SELECT * FROM entry WHERE \(condition) ORDER BY number", bound)
        if let slice = filter.slice {
            sql += " LIMIT ? OFFSET ?"
            arguments += [slice.count, slice.lowerBound]
        }
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() { try body(Entry(row: row)) }
    }

    func entryCount(session: UUID, filter: EntryFilter, now: Date) throws -> Int {
        let (condition, arguments) = Self.condition(session: session, filter: filter, now: now)
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entry WHERE \(condition)", arguments: arguments) ?? 0
    }

    func entries(ids: [UUID]) throws -> [Entry] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM entry WHERE id IN (SELECT value FROM json_each(?))",
            arguments: [Self.jsonArray(ids)]
        ).map(Entry.init(row:))
    }

    func takenUsernames(_ usernames: [String], institution: String) throws -> Set<String> {
        // One query for a whole batch, each arm an index search (an OR of both columns would scan the table).
        let list = "[" + usernames.map { "\"\($0)\"" }.joined(separator: ",") + "]"
        return Set(
            try String.fetchAll(
                db,
                sql: """
                    SELECT username FROM entry WHERE username IN (SELECT value FROM json_each(?1))
                    UNION
                    SELECT upper(personal_username) FROM entry
                        WHERE institution_code = ?2 AND personal_username IN (SELECT lower(value) FROM json_each(?1))
                    """, arguments: [list, institution]))
    }

    // Sign-in and every imported row look usernames up: a cached statement saves compiling the query each time.
    func entry(institution: String, genericUsername: String) throws -> Entry? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM entry WHERE username = ? AND institution_code = ?"),
            arguments: [genericUsername, institution]
        ).map(Entry.init(row:))
    }

    func entry(institution: String, personalUsername: String) throws -> Entry? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM entry WHERE institution_code = ? AND personal_username = ?"),
            arguments: [institution, personalUsername]
        ).map(Entry.init(row:))
    }

    func entry(session: UUID, number: Int) throws -> Entry? {
        try Row.fetchOne(db, sql: "SELECT * FROM entry WHERE session_id = ? AND number = ?", arguments: [session.lowercased, number])
            .map(Entry.init(row:))
    }

    func personalUsernames(institution: String, startingWith prefix: String) throws -> Set<String> {
        // A range on the unique index: personal usernames are ASCII below '~'.
        Set(
            try String.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT personal_username FROM entry WHERE institution_code = ? AND personal_username >= ? AND personal_username < ?
                        """), arguments: [institution, prefix, prefix + "~"]))
    }

    func register(entry: UUID, _ registration: Registration) throws -> Bool {
        let details = registration.details
        try db.execute(
            sql: """
                UPDATE entry SET state = 'converted', sealed_password = NULL, personal_username = ?, password_hash = ?,
                    generic_verifier = ?, given_name = ?, family_name = ?, birth_date = ?, email = ?, candidate_number = ?,
                    registered_at = ?, failed_attempts = 0, locked_until = NULL
                WHERE id = ? AND state = 'issued'
                """,
            arguments: [
                registration.personalUsername, registration.passwordHash, Data(registration.genericVerifier),
                details.givenName, details.familyName, details.birthDate, details.email, details.candidateNumber,
                registration.at, entry.lowercased,
            ])
        if db.changesCount == 1 { destroyed?.any = true }
        return db.changesCount == 1
    }

    func countFailedSignIn(entry: UUID) throws -> Int {
        try Int.fetchOne(
            db, sql: "UPDATE entry SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts",
            arguments: [entry.lowercased]) ?? 0
    }

    func lock(entry: UUID, until date: Date) throws {
        try db.execute(sql: "UPDATE entry SET locked_until = ? WHERE id = ?", arguments: [date, entry.lowercased])
    }

    func reset(entry: UUID, sealedPassword: [UInt8], expiresAt: Date, at date: Date) throws -> Bool {
        try db.execute(
            sql: """
                UPDATE entry SET state = 'issued', sealed_password = ?, password_hash = NULL, expires_at = ?, reset_at = ?,
                    failed_attempts = 0, locked_until = NULL
                WHERE id = ? AND state <> 'withdrawn'
                """, arguments: [Data(sealedPassword), expiresAt, date, entry.lowercased])
        guard db.changesCount == 1 else { return false }
        // A sign-in with the old password may hold a grant to register with: it goes with that password.
        try db.execute(sql: "DELETE FROM first_login_grant WHERE entry_id = ? AND used_at IS NULL", arguments: [entry.lowercased])
        destroyed?.any = true
        return true
    }

    func setExpiry(entry: UUID, to date: Date) throws {
        try db.cachedStatement(sql: "UPDATE entry SET expires_at = ? WHERE id = ? AND state = 'issued'").execute(arguments: [date, entry.lowercased])
    }

    func recordSuccessfulSignIn(entry: UUID, at date: Date?, passwordHash: String?) throws {
        try db.execute(
            sql: """
                UPDATE entry SET failed_attempts = 0, locked_until = NULL,
                    last_sign_in_at = COALESCE(?, last_sign_in_at), password_hash = COALESCE(?, password_hash)
                WHERE id = ?
                """, arguments: [date, passwordHash, entry.lowercased])
    }

    func hasSealedSecrets() throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM entry WHERE sealed_password IS NOT NULL)") ?? false
    }

    func dataKeyCheck() throws -> [UInt8]? {
        try Data.fetchOne(db, sql: "SELECT check_value FROM data_key WHERE id = 1").map { Array($0) }
    }

    func sealedSample() throws -> (entry: UUID, sealed: [UInt8])? {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, sealed_password FROM entry WHERE sealed_password IS NOT NULL LIMIT 1"),
            let id = UUID(uuidString: row["id"]), let sealed: Data = row["sealed_password"]
        else { return nil }
        return (id, Array(sealed))
    }

    func recordDataKeyCheck(_ check: [UInt8], at date: Date) throws {
        try db.execute(sql: "INSERT INTO data_key (id, check_value, recorded_at) VALUES (1, ?, ?)", arguments: [Data(check), date])
    }

    func reserveEntryNumbers(session: UUID, count: Int) throws -> Int {
        guard
            let first = try Int.fetchOne(
                db,
                sql: """
                    UPDATE test_session SET next_entry_number = next_entry_number + ? WHERE id = ? RETURNING next_entry_number - ?
                    """, arguments: [count, session.lowercased, count])
        else {
            throw StoreError.refused("no session \(session.lowercased) to number entries in")
        }
        return first
    }

    func insert(_ entry: Entry) throws {
        // A batch inserts 500 rows: parse the statement once, and format each distinct date once.
        let details = entry.details
        try db.cachedStatement(
            sql: """
                INSERT INTO entry (id, session_id, batch_id, number, username, sealed_password, state, created_at, expires_at,
                    withdrawn_at, institution_code, personal_username, given_name, family_name, birth_date, email, candidate_number, group_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            entry.id.lowercased, entry.sessionID.lowercased, entry.batchID.lowercased, entry.number,
            entry.kind == .generic ? entry.username : nil,
            entry.sealedPassword.map { Data($0) }, entry.storedState.rawValue, dates.value(entry.createdAt),
            dates.value(entry.expiresAt), entry.withdrawnAt, entry.institutionCode, entry.personalUsername,
            details?.givenName, details?.familyName, details?.birthDate, details?.email, details?.candidateNumber,
            entry.groupID?.lowercased,
        ])
    }

    func insert(_ entries: [Entry]) throws {
        // One cached statement run per row is already SQLite's fastest way: no round trips to save.
        for entry in entries { try insert(entry) }
    }

    func withdraw(entry: UUID, from state: EntryState, at date: Date) throws -> Bool {
        try db.execute(
            sql: """
                UPDATE entry SET state = 'withdrawn', sealed_password = NULL, withdrawn_at = ? WHERE id = ? AND state = ?
                """, arguments: [date, entry.lowercased, state.rawValue])
        if db.changesCount == 1 { destroyed?.any = true }
        return db.changesCount == 1
    }

    /// The WHERE clause for an entry filter; `expired` is derived from the expiry time, never stored.
    static func condition(session: UUID, filter: EntryFilter, now: Date) -> (String, StatementArguments) {
        var clauses = ["session_id = ?"]
        var arguments: StatementArguments = [session.lowercased]
        if let batch = filter.batchID {
            clauses.append("batch_id = ?")
            arguments += [batch.lowercased]
        }
        switch filter.state {
        case .issued?:
            clauses.append("state = 'issued' AND expires_at > ?")
            arguments += [now]
        case .expired?:
            clauses.append("state = 'issued' AND expires_at <= ?")
            arguments += [now]
        case let state?:
            clauses.append("state = ?")
            arguments += [state.rawValue]
        case nil:
            break
        }
        if let group = filter.group {
            clauses.append("group_id IN (SELECT id FROM entry_group WHERE session_id = ? AND name = ?)")
            arguments += [session.lowercased, group]
        }
        if let ids = filter.entryIDs {
            clauses.append("id IN (SELECT value FROM json_each(?))")
            arguments += [jsonArray(ids)]
        }
        if let below = filter.numberBelow {
            clauses.append("number < ?")
            arguments += [below]
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    static func jsonArray(_ ids: [UUID]) -> String {
        "[" + ids.map { "\"\($0.lowercased)\"" }.joined(separator: ",") + "]"
    }

    // MARK: Named rosters

    func groups(session: UUID) throws -> [EntryGroup] {
        try Row.fetchAll(db, sql: "SELECT * FROM entry_group WHERE session_id = ? ORDER BY name", arguments: [session.lowercased])
            .map(EntryGroup.init(row:))
    }

    func insert(_ group: EntryGroup) throws {
        try db.execute(
            sql: "INSERT INTO entry_group (id, session_id, name, created_at) VALUES (?, ?, ?, ?)",
            arguments: [group.id.lowercased, group.sessionID.lowercased, group.name, group.createdAt])
    }

    func entries(session: UUID, candidateNumbers numbers: [String]) throws -> [Entry] {
        guard !numbers.isEmpty else { return [] }
        let list = String(decoding: try JSONEncoder().encode(numbers.map { $0.uppercased() }), as: UTF8.self)
        return try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM entry WHERE session_id = ? AND candidate_number IS NOT NULL
                    AND upper(candidate_number) IN (SELECT value FROM json_each(?))
                """, arguments: [session.lowercased, list]
        ).map(Entry.init(row:))
    }

    func updateDetails(entry: UUID, details: CandidateDetails?, groupID: UUID?, at date: Date) throws {
        try db.execute(
            sql: """
                UPDATE entry SET given_name = ?, family_name = ?, birth_date = ?, email = ?, candidate_number = ?, group_id = ?, updated_at = ?
                WHERE id = ?
                """,
            arguments: [
                details?.givenName, details?.familyName, details?.birthDate, details?.email, details?.candidateNumber,
                groupID?.lowercased, date, entry.lowercased,
            ])
    }

    func importJob(id: UUID) throws -> ImportJob? {
        try Row.fetchOne(db, sql: "SELECT * FROM import_job WHERE id = ?", arguments: [id.lowercased]).map(ImportJob.init(row:))
    }

    func importJobs(session: UUID?) throws -> [ImportJob] {
        let rows =
            if let session {
                try Row.fetchAll(
                    db, sql: "SELECT * FROM import_job WHERE session_id = ? ORDER BY created_at DESC, rowid DESC", arguments: [session.lowercased])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM import_job ORDER BY created_at DESC, rowid DESC")
            }
        return rows.map(ImportJob.init(row:))
    }

    func importJobs(idPrefix prefix: String) throws -> [ImportJob] {
        // Ids are stored as lower-case text; a prefix of hex digits and dashes needs no escaping.
        guard prefix.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { return [] }
        return try Row.fetchAll(
            db, sql: "SELECT * FROM import_job WHERE id LIKE ? ORDER BY created_at DESC, rowid DESC", arguments: [prefix.lowercased() + "%"]
        )
        .map(ImportJob.init(row:))
    }

    func importRows(job: UUID) throws -> [ImportRow] {
        try Row.fetchAll(db, sql: "SELECT * FROM import_row WHERE job_id = ? ORDER BY number", arguments: [job.lowercased]).map(ImportRow.init(row:))
    }

    func insert(_ job: ImportJob) throws {
        let header = String(decoding: try JSONEncoder().encode(job.header), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO import_job (id, session_id, file_name, format, header, state, created_at, created_by, row_count, held_by, held_until)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                job.id.lowercased, job.sessionID.lowercased, job.fileName, job.format.rawValue, header, job.state.rawValue,
                job.createdAt, job.createdBy, job.rowCount, job.heldBy, job.heldUntil,
            ])
    }

    func update(_ job: ImportJob) throws {
        try db.execute(
            sql: """
                UPDATE import_job SET state = ?, started_at = ?, finished_at = ?, created_count = ?, updated_count = ?,
                    unchanged_count = ?, error_count = ?, failure = ?, held_by = ?, held_until = ?
                WHERE id = ?
                """,
            arguments: [
                job.state.rawValue, job.startedAt, job.finishedAt, job.counts.new, job.counts.updated,
                job.counts.unchanged, job.counts.errors, job.failure, job.heldBy, job.heldUntil, job.id.lowercased,
            ])
    }

    func abandonedImportJobs(at now: Date) throws -> [ImportJob] {
        // A job without a hold was started by an Admit that kept none: its process is long gone.
        try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM import_job WHERE state IN ('queued', 'in progress') AND (held_until IS NULL OR held_until < ?)
                ORDER BY created_at
                """, arguments: [now]
        ).map(ImportJob.init(row:))
    }

    func insert(_ row: ImportRow) throws {
        let cells = String(decoding: try JSONEncoder().encode(row.cells), as: UTF8.self)
        try db.cachedStatement(sql: "INSERT INTO import_row (job_id, number, cells, outcome) VALUES (?, ?, ?, ?)")
            .execute(arguments: [row.jobID.lowercased, row.number, cells, row.outcome.rawValue])
    }

    func update(_ row: ImportRow) throws {
        try db.cachedStatement(
            sql: """
                UPDATE import_row SET outcome = ?, error = ?, entry_id = ?, password_source = ? WHERE job_id = ? AND number = ?
                """
        ).execute(arguments: [
            row.outcome.rawValue, row.error, row.entryID?.lowercased, row.passwordSource?.rawValue,
            row.jobID.lowercased, row.number,
        ])
    }

    // MARK: Staff

    func staff(username: String) throws -> StaffMember? {
        try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE username = ?", arguments: [username]).map(StaffMember.init(row:))
    }

    func staff(id: UUID) throws -> StaffMember? {
        try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE id = ?", arguments: [id.lowercased]).map(StaffMember.init(row:))
    }

    func staff(tokenDigest: String) throws -> StaffMember? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT staff.* FROM api_token JOIN staff ON staff.id = api_token.staff_id
                WHERE api_token.digest = ? AND api_token.revoked_at IS NULL
                """, arguments: [tokenDigest]
        ).map(StaffMember.init(row:))
    }

    func staffMembers() throws -> [StaffMember] {
        try Row.fetchAll(db, sql: "SELECT * FROM staff ORDER BY username").map(StaffMember.init(row:))
    }

    func insert(_ staff: StaffMember) throws {
        try db.execute(
            sql: """
                INSERT INTO staff (id, username, role, institution_code, password_hash, created_at, disabled_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                staff.id.lowercased, staff.username, staff.role.rawValue, staff.institutionCode, staff.passwordHash,
                staff.createdAt, staff.disabledAt,
            ])
    }

    func update(_ staff: StaffMember) throws {
        try db.execute(
            sql: """
                UPDATE staff SET role = ?, institution_code = ?, password_hash = ?, disabled_at = ?, failed_attempts = ?, locked_until = ?
                WHERE id = ?
                """,
            arguments: [
                staff.role.rawValue, staff.institutionCode, staff.passwordHash, staff.disabledAt, staff.failedAttempts,
                staff.lockedUntil, staff.id.lowercased,
            ])
    }

    func disableStaff(id: UUID, at date: Date) throws {
        try db.execute(sql: "UPDATE staff SET disabled_at = ? WHERE id = ?", arguments: [date, id.lowercased])
        try db.execute(sql: "UPDATE api_token SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL", arguments: [date, id.lowercased])
    }

    func countFailedStaffSignIn(id: UUID) throws -> Int {
        try Int.fetchOne(
            db, sql: "UPDATE staff SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts",
            arguments: [id.lowercased]) ?? 0
    }

    func lockStaff(id: UUID, until date: Date) throws {
        try db.execute(sql: "UPDATE staff SET locked_until = ? WHERE id = ?", arguments: [date, id.lowercased])
    }

    func recordSuccessfulStaffSignIn(id: UUID) throws {
        try db.execute(sql: "UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?", arguments: [id.lowercased])
    }

    func replaceTokens(staff: UUID, digest: String, at date: Date) throws {
        try db.execute(sql: "UPDATE api_token SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL", arguments: [date, staff.lowercased])
        try db.execute(sql: "INSERT INTO api_token (digest, staff_id, created_at) VALUES (?, ?, ?)", arguments: [digest, staff.lowercased, date])
    }

    // MARK: Audit

    func append(_ event: AuditEvent) throws {
        let detail = String(decoding: try AuditJSON.encoder.encode(event.detail), as: UTF8.self)
        try db.execute(
            sql: "INSERT INTO audit_event (at, actor, action, session_id, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [event.at, event.actor, event.action.rawValue, event.sessionID?.lowercased, detail])
    }

    func auditEvents(session: UUID?) throws -> [AuditEvent] {
        let rows =
            if let session {
                try Row.fetchAll(db, sql: "SELECT * FROM audit_event WHERE session_id = ? ORDER BY id", arguments: [session.lowercased])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM audit_event ORDER BY id")
            }
        return try rows.map(AuditEvent.init(row:))
    }
}

extension SQLiteTransaction {
    // MARK: What browsers carry between requests

    func webSession(key: String, at now: Date) throws -> [UInt8]? {
        try Data.fetchOne(
            db.cachedStatement(sql: "SELECT value FROM web_session WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)"),
            arguments: [key, now]
        ).map { Array($0) }
    }

    func saveWebSession(key: String, value: [UInt8], expiresAt: Date?) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO web_session (key, value, expires_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (key) DO UPDATE SET value = ?2, expires_at = COALESCE(?3, expires_at)
                """
        ).execute(arguments: [key, Data(value), expiresAt])
    }

    func insertWebSession(key: String, value: [UInt8], expiresAt: Date?) throws -> Bool {
        try db.execute(
            sql: "INSERT INTO web_session (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
            arguments: [key, Data(value), expiresAt])
        return db.changesCount == 1
    }

    func deleteWebSession(key: String) throws {
        try db.execute(sql: "DELETE FROM web_session WHERE key = ?", arguments: [key])
    }

    func firstLoginGrant(digest: String) throws -> FirstLoginGrant? {
        try Row.fetchOne(db, sql: "SELECT * FROM first_login_grant WHERE digest = ?", arguments: [digest]).map(FirstLoginGrant.init(row:))
    }

    func insert(_ grant: FirstLoginGrant) throws {
        try db.execute(
            sql: """
                INSERT INTO first_login_grant (digest, entry_id, generic_verifier, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [grant.digest, grant.entryID.lowercased, Data(grant.genericVerifier), grant.createdAt, grant.expiresAt, grant.usedAt])
    }

    func useFirstLoginGrant(digest: String, at date: Date) throws -> Bool {
        try db.execute(
            sql: "UPDATE first_login_grant SET used_at = ? WHERE digest = ? AND used_at IS NULL AND expires_at > ?",
            arguments: [date, digest, date])
        return db.changesCount == 1
    }

    func insert(_ pending: PendingImport) throws {
        try db.execute(
            sql: "INSERT INTO pending_import (digest, session_id, staff_id, sealed, expires_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [pending.digest, pending.sessionID.lowercased, pending.staffID.lowercased, Data(pending.sealed), pending.expiresAt])
    }

    func takePendingImport(digest: String, session: UUID, staff: UUID, at date: Date) throws -> [UInt8]? {
        let sealed = try Data.fetchOne(
            db,
            sql: """
                DELETE FROM pending_import WHERE digest = ? AND session_id = ? AND staff_id = ? AND expires_at > ? RETURNING sealed
                """, arguments: [digest, session.lowercased, staff.lowercased, date])
        if sealed != nil { destroyed?.any = true }
        return sealed.map { Array($0) }
    }

    func trimPendingImports(staff: UUID, keeping: Int) throws -> Int {
        try db.execute(
            sql: """
                DELETE FROM pending_import WHERE staff_id = ? AND digest NOT IN
                    (SELECT digest FROM pending_import WHERE staff_id = ? ORDER BY expires_at DESC, digest LIMIT ?)
                """, arguments: [staff.lowercased, staff.lowercased, keeping])
        if db.changesCount > 0 { destroyed?.any = true }
        return db.changesCount
    }

    func deleteExpired(at date: Date) throws -> Int {
        try db.execute(sql: "DELETE FROM web_session WHERE expires_at <= ?", arguments: [date])
        var count = db.changesCount
        try db.execute(sql: "DELETE FROM first_login_grant WHERE expires_at <= ?", arguments: [date])
        count += db.changesCount
        try db.execute(sql: "DELETE FROM pending_import WHERE expires_at <= ?", arguments: [date])
        if db.changesCount > 0 { destroyed?.any = true }
        return count + db.changesCount
    }
}

enum AuditJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()
}

/// Dates as stored values, each distinct one formatted once: GRDB formats a date with a DateFormatter, and
/// the rows of a batch share their creation and expiry times.
final class DateValues {
    private var values: [Date: DatabaseValue] = [:]

    func value(_ date: Date) -> DatabaseValue {
        if let value = values[date] { return value }
        if values.count > 64 { values.removeAll() }
        let value = date.databaseValue
        values[date] = value
        return value
    }
}
