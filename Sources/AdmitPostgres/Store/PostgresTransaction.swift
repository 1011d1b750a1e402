import AdmitCore
import Foundation

/// The store's records inside one PostgreSQL transaction, statement for statement as the SQLite store's
/// `SQLiteTransaction`. Errors are the connection's `PGError`s; the store turns them into `StoreError`s.
struct PostgresTransaction: StoreWriter {
    let db: PGConnection

    // MARK: Institutions

    func institution(code: String) throws -> Institution? {
        try db.exec("SELECT * FROM institution WHERE code = $1", [.text(code)]).first.map(Institution.init(pgRow:))
    }

    func institutions() throws -> [Institution] {
        try db.exec("SELECT * FROM institution ORDER BY code").map(Institution.init(pgRow:))
    }

    func insert(_ institution: Institution) throws {
        try db.exec(
            "INSERT INTO institution (code, name, created_at) VALUES ($1, $2, $3)",
            [.text(institution.code), .text(institution.name), .date(institution.createdAt)])
    }

    // MARK: Sessions

    func session(id: UUID) throws -> TestSession? {
        try db.exec("SELECT * FROM test_session WHERE id = $1", [.uuid(id)]).first.map(TestSession.init(pgRow:))
    }

    func sessions(named name: String) throws -> [TestSession] {
        try db.exec("SELECT * FROM test_session WHERE name = $1 ORDER BY created_at", [.text(name)]).map(TestSession.init(pgRow:))
    }

    func sessions(search: String?, institution: String?) throws -> [TestSession] {
        // The search is text to find, not a pattern: its wildcards match themselves.
        let pattern =
            "%"
            + (search ?? "").replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        return try db.exec(
            "SELECT * FROM test_session WHERE name ILIKE $1 ESCAPE '\\' AND ($2::text IS NULL OR institution_code = $2) ORDER BY created_at DESC",
            [.text(pattern), PGValue(institution)]
        )
        .map(TestSession.init(pgRow:))
    }

    func insert(_ session: TestSession) throws {
        try db.exec(
            """
            INSERT INTO test_session (id, institution_code, name, starts_at, ends_at, created_at, username_template, required_details, sign_in_url)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """,
            [
                .uuid(session.id), .text(session.institutionCode), .text(session.name), PGValue(session.startsAt), PGValue(session.endsAt),
                .date(session.createdAt), .text(session.usernameTemplate.description),
                .text(session.requiredDetails.map(\.rawValue).sorted().joined(separator: ",")), PGValue(session.signInURL),
            ])
    }

    // MARK: Batches

    func batch(requestKey: String) throws -> Batch? {
        try db.exec("SELECT * FROM batch WHERE request_key = $1", [.text(requestKey)]).first.map(Batch.init(pgRow:))
    }

    func insert(_ batch: Batch) throws {
        try db.exec(
            """
            INSERT INTO batch (id, session_id, request_key, size, created_at, created_by, import_job_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
            """,
            [
                .uuid(batch.id), .uuid(batch.sessionID), PGValue(batch.requestKey), PGValue(batch.size), .date(batch.createdAt),
                .text(batch.createdBy), PGValue(batch.importJobID),
            ])
    }

    func deleteBatch(_ id: UUID) throws {
        try db.exec("DELETE FROM first_login_grant WHERE entry_id IN (SELECT id FROM entry WHERE batch_id = $1)", [.uuid(id)])
        try db.exec("DELETE FROM entry WHERE batch_id = $1", [.uuid(id)])
        try db.exec("DELETE FROM batch WHERE id = $1", [.uuid(id)])
    }

    // MARK: Entries

    /// Rows fetched at a time from a cursor: a session's thousands of entries stream rather than arrive at once.
    static let cursorRows = 500

    func forEachEntry(session: UUID, filter: EntryFilter, now: Date, _ body: (Entry) throws -> Void) throws {
        var parameters = PGParameters()
        let condition = Self.condition(session: session, filter: filter, now: now, &parameters)
        // A name of its own, should a body list entries while another list is open.
        let cursor = "entries_" + UUID().uuidString.prefix(8).lowercased()
        let slice = filter.slice.map { " LIMIT \(parameters.add(PGValue($0.count))) OFFSET \(parameters.add(PGValue($0.lowerBound)))" } ?? ""
        try db.exec("DECLARE \(cursor) NO SCROLL CURSOR FOR SELECT * FROM entry WHERE \(condition) ORDER BY number\(slice)", parameters.values)
        while true {
            let rows = try db.exec("FETCH \(Self.cursorRows) FROM \(cursor)")
            for row in rows { try body(Entry(pgRow: row)) }
            if rows.count < Self.cursorRows { break }
        }
        try db.exec("CLOSE \(cursor)")
    }

    func entryCount(session: UUID, filter: EntryFilter, now: Date) throws -> Int {
        var parameters = PGParameters()
        let condition = Self.condition(session: session, filter: filter, now: now, &parameters)
        return try db.exec("SELECT count(*) AS n FROM entry WHERE \(condition)", parameters.values)[0]["n"]
    }

    func entries(ids: [UUID]) throws -> [Entry] {
        try db.exec("SELECT * FROM entry WHERE id = ANY($1)", [.uuidArray(ids)]).map(Entry.init(pgRow:))
    }

    func takenUsernames(_ usernames: [String], institution: String) throws -> Set<String> {
        // One query for a whole batch, each arm an index search. Personal usernames are lower case and read
        // in any case; lower() and upper() under "C" fold ASCII only, as SQLite's do.
        Set(
            try db.exec(
                """
                SELECT username AS taken FROM entry WHERE username = ANY($1)
                UNION
                SELECT upper(personal_username) FROM entry
                    WHERE institution_code = $2 AND personal_username = ANY(SELECT lower(name COLLATE "C") FROM unnest($1) AS name)
                """, [.textArray(usernames), .text(institution)]
            ).map { $0["taken"] as String })
    }

    func entry(institution: String, genericUsername: String) throws -> Entry? {
        try db.exec("SELECT * FROM entry WHERE username = $1 AND institution_code = $2", [.text(genericUsername), .text(institution)])
            .first.map(Entry.init(pgRow:))
    }

    func entry(institution: String, personalUsername: String) throws -> Entry? {
        try db.exec("SELECT * FROM entry WHERE institution_code = $1 AND personal_username = $2", [.text(institution), .text(personalUsername)])
            .first.map(Entry.init(pgRow:))
    }

    func personalUsernames(institution: String, startingWith prefix: String) throws -> Set<String> {
        // A range on the unique index, byte-wise (the column is "C"): personal usernames are ASCII below '~'.
        Set(
            try db.exec(
                """
                SELECT personal_username FROM entry WHERE institution_code = $1 AND personal_username >= $2 AND personal_username < $3
                """, [.text(institution), .text(prefix), .text(prefix + "~")]
            ).map { $0["personal_username"] as String })
    }

    func register(entry: UUID, _ registration: Registration) throws -> Bool {
        let details = registration.details
        return try db.exec(
            """
            UPDATE entry SET state = 'converted', sealed_password = NULL, personal_username = $1, password_hash = $2,
                generic_verifier = $3, given_name = $4, family_name = $5, birth_date = $6, email = $7, candidate_number = $8,
                registered_at = $9, failed_attempts = 0, locked_until = NULL
            WHERE id = $10 AND state = 'issued'
            """,
            [
                .text(registration.personalUsername), .text(registration.passwordHash), .bytes(registration.genericVerifier),
                .text(details.givenName), .text(details.familyName), PGValue(details.birthDate), PGValue(details.email),
                PGValue(details.candidateNumber), .date(registration.at), .uuid(entry),
            ]
        ).affectedRows == 1
    }

    func countFailedSignIn(entry: UUID) throws -> Int {
        let row = try db.exec("UPDATE entry SET failed_attempts = failed_attempts + 1 WHERE id = $1 RETURNING failed_attempts", [.uuid(entry)]).first
        return row.map { $0["failed_attempts"] as Int } ?? 0
    }

    func lock(entry: UUID, until date: Date) throws {
        try db.exec("UPDATE entry SET locked_until = $1 WHERE id = $2", [.date(date), .uuid(entry)])
    }

    func recordSuccessfulSignIn(entry: UUID, at date: Date?, passwordHash: String?) throws {
        try db.exec(
            """
            UPDATE entry SET failed_attempts = 0, locked_until = NULL,
                last_sign_in_at = COALESCE($1, last_sign_in_at), password_hash = COALESCE($2, password_hash)
            WHERE id = $3
            """, [PGValue(date), PGValue(passwordHash), .uuid(entry)])
    }

    func hasSealedSecrets() throws -> Bool {
        try db.exec("SELECT EXISTS (SELECT 1 FROM entry WHERE sealed_password IS NOT NULL) AS found")[0]["found"]
    }

    func dataKeyCheck() throws -> [UInt8]? {
        try db.exec("SELECT check_value FROM data_key WHERE id = 1").first.map { $0["check_value"] as [UInt8] }
    }

    func sealedSample() throws -> (entry: UUID, sealed: [UInt8])? {
        guard let row = try db.exec("SELECT id, sealed_password FROM entry WHERE sealed_password IS NOT NULL LIMIT 1").first else { return nil }
        return (row["id"], row["sealed_password"])
    }

    func recordDataKeyCheck(_ check: [UInt8], at date: Date) throws {
        try db.exec("INSERT INTO data_key (id, check_value, recorded_at) VALUES (1, $1, $2)", [.bytes(check), .date(date)])
    }

    func reserveEntryNumbers(session: UUID, count: Int) throws -> Int {
        // One statement: two servers' batches each get a range of their own.
        guard
            let first: Int = try db.exec(
                """
                UPDATE test_session SET next_entry_number = next_entry_number + $1 WHERE id = $2 RETURNING next_entry_number - $1 AS first
                """, [PGValue(count), .uuid(session)]
            ).first?["first"]
        else {
            throw StoreError.refused("no session \(session.lowercased) to number entries in")
        }
        return first
    }

    func insert(_ entry: Entry) throws { try insert([entry]) }

    func insert(_ entries: [Entry]) throws {
        // Multi-row INSERTs: one round trip per 500 entries instead of one per entry (18 parameters a row, far
        // under the protocol's 65,535).
        var rest = entries[...]
        while !rest.isEmpty {
            let chunk = rest.prefix(500)
            rest = rest.dropFirst(chunk.count)
            var parameters = PGParameters()
            let rows = chunk.map { entry in
                let details = entry.details
                let values: [PGValue] = [
                    .uuid(entry.id), .uuid(entry.sessionID), .uuid(entry.batchID), PGValue(entry.number),
                    PGValue(entry.kind == .generic ? entry.username : nil), PGValue(entry.sealedPassword), .text(entry.storedState.rawValue),
                    .date(entry.createdAt), .date(entry.expiresAt), PGValue(entry.withdrawnAt), .text(entry.institutionCode),
                    PGValue(entry.personalUsername), PGValue(details?.givenName), PGValue(details?.familyName), PGValue(details?.birthDate),
                    PGValue(details?.email), PGValue(details?.candidateNumber), PGValue(entry.groupID),
                ]
                return "(" + values.map { parameters.add($0) }.joined(separator: ", ") + ")"
            }
            try db.exec(
                """
                INSERT INTO entry (id, session_id, batch_id, number, username, sealed_password, state, created_at, expires_at,
                    withdrawn_at, institution_code, personal_username, given_name, family_name, birth_date, email, candidate_number, group_id)
                VALUES \(rows.joined(separator: ", "))
                """, parameters.values)
        }
    }

    func withdraw(entry: UUID, from state: EntryState, at date: Date) throws -> Bool {
        try db.exec(
            "UPDATE entry SET state = 'withdrawn', sealed_password = NULL, withdrawn_at = $1 WHERE id = $2 AND state = $3",
            [.date(date), .uuid(entry), .text(state.rawValue)]
        ).affectedRows == 1
    }

    /// The WHERE clause for an entry filter; `expired` is derived from the expiry time, never stored.
    static func condition(session: UUID, filter: EntryFilter, now: Date, _ parameters: inout PGParameters) -> String {
        var clauses = ["session_id = \(parameters.add(.uuid(session)))"]
        if let batch = filter.batchID {
            clauses.append("batch_id = \(parameters.add(.uuid(batch)))")
        }
        switch filter.state {
        case .issued?:
            clauses.append("state = 'issued' AND expires_at > \(parameters.add(.date(now)))")
        case .expired?:
            clauses.append("state = 'issued' AND expires_at <= \(parameters.add(.date(now)))")
        case let state?:
            clauses.append("state = \(parameters.add(.text(state.rawValue)))")
        case nil:
            break
        }
        if let group = filter.group {
            // A group's name in any case, as the unique index compares it.
            clauses.append(
                """
                group_id IN (SELECT id FROM entry_group WHERE session_id = \(parameters.add(.uuid(session)))
                    AND lower(name) = lower(\(parameters.add(.text(group))) COLLATE "C"))
                """)
        }
        if let ids = filter.entryIDs {
            clauses.append("id = ANY(\(parameters.add(.uuidArray(ids))))")
        }
        if let below = filter.numberBelow {
            clauses.append("number < \(parameters.add(PGValue(below)))")
        }
        return clauses.joined(separator: " AND ")
    }

    // MARK: Audit

    func append(_ event: AuditEvent) throws {
        let detail = String(decoding: try AuditJSON.encoder.encode(event.detail), as: UTF8.self)
        try db.exec(
            "INSERT INTO audit_event (at, actor, action, session_id, detail) VALUES ($1, $2, $3, $4, $5)",
            [.date(event.at), .text(event.actor), .text(event.action.rawValue), PGValue(event.sessionID), .text(detail)])
    }

    func auditEvents(session: UUID?) throws -> [AuditEvent] {
        let rows =
            if let session {
                try db.exec("SELECT * FROM audit_event WHERE session_id = $1 ORDER BY id", [.uuid(session)])
            } else {
                try db.exec("SELECT * FROM audit_event ORDER BY id")
            }
        return try rows.map(AuditEvent.init(pgRow:))
    }
}
