import AdmitCore

/// The numbered schema migrations of the PostgreSQL store: plain SQL that never uses app types, so an old
/// migration keeps meaning what it meant when it shipped.
///
/// Versions line up with the SQLite store's: the first one makes the whole of SQLite's v7 at once, with the same
/// tables and column names (`admit db copy` relies on it) and PostgreSQL's own types. The unique rules are named
/// as `StoreConstraint` names them, so that a violation says which rule refused it.
enum PostgresSchema {
    static let migrations: [(version: String, sql: String)] = [("v7", v7), ("v8", v8)]

    // When an entry was given a new temporary password (a reset): its next sign-in only chooses a password.
    private static let v8 = "ALTER TABLE entry ADD COLUMN reset_at timestamptz;"

    static var latest: String { migrations.last?.version ?? "none" }

    /// The advisory lock a migration holds (any 64-bit number, the same in every Admit): "Admit" in ASCII.
    static let migrationLock: Int64 = 0x41_64_6D_69_74

    // Ids are `uuid`, dates `timestamptz`, secrets `bytea`. Usernames, digests and keys compare byte by byte
    // (`COLLATE "C"`), as SQLite compares text, whatever the database's locale: a username's range query
    // relies on it. JSON is kept as text, as written. `birth_date` is a date as typed, without a time.
    private static let v7 = """
        CREATE TABLE institution (
            code text COLLATE "C" NOT NULL,
            name text NOT NULL,
            created_at timestamptz NOT NULL,
            CONSTRAINT institution_code PRIMARY KEY (code)
        );
        CREATE TABLE test_session (
            id uuid PRIMARY KEY,
            institution_code text COLLATE "C" NOT NULL REFERENCES institution(code),
            name text NOT NULL,
            starts_at timestamptz,
            ends_at timestamptz,
            created_at timestamptz NOT NULL,
            username_template text NOT NULL DEFAULT '{given}.{family}',
            required_details text NOT NULL DEFAULT '',
            sign_in_url text,
            next_entry_number integer NOT NULL DEFAULT 1
        );
        CREATE INDEX test_session_on_name ON test_session(name);
        CREATE TABLE import_job (
            id uuid PRIMARY KEY,
            session_id uuid NOT NULL REFERENCES test_session(id),
            file_name text NOT NULL,
            format text NOT NULL CHECK (format IN ('csv', 'xlsx', 'pasted')),
            header text NOT NULL,
            state text NOT NULL CHECK (state IN ('queued', 'in progress', 'completed', 'completed with errors', 'failed')),
            created_at timestamptz NOT NULL,
            created_by text NOT NULL,
            started_at timestamptz,
            finished_at timestamptz,
            row_count integer NOT NULL,
            created_count integer NOT NULL DEFAULT 0,
            updated_count integer NOT NULL DEFAULT 0,
            unchanged_count integer NOT NULL DEFAULT 0,
            error_count integer NOT NULL DEFAULT 0,
            failure text,
            held_by text,
            held_until timestamptz,
            -- SQLite's implicit rowid, which orders jobs made at the same moment (not copied: made in copy order).
            rowid bigint GENERATED ALWAYS AS IDENTITY
        );
        CREATE INDEX import_job_on_session ON import_job(session_id, created_at);
        CREATE TABLE batch (
            id uuid PRIMARY KEY,
            session_id uuid NOT NULL REFERENCES test_session(id),
            request_key text COLLATE "C",
            size integer NOT NULL CHECK (size BETWEEN 1 AND 500),
            created_at timestamptz NOT NULL,
            created_by text NOT NULL,
            import_job_id uuid REFERENCES import_job(id),
            CONSTRAINT batch_request_key UNIQUE (request_key)
        );
        CREATE TABLE entry_group (
            id uuid PRIMARY KEY,
            session_id uuid NOT NULL REFERENCES test_session(id),
            name text COLLATE "C" NOT NULL,
            created_at timestamptz NOT NULL
        );
        -- SQLite's NOCASE: unique in any ASCII case (lower() under "C" folds ASCII only, as NOCASE does).
        CREATE UNIQUE INDEX entry_group_name ON entry_group(session_id, lower(name));
        CREATE TABLE entry (
            id uuid PRIMARY KEY,
            session_id uuid NOT NULL REFERENCES test_session(id),
            batch_id uuid NOT NULL REFERENCES batch(id),
            number integer NOT NULL,
            username text COLLATE "C",
            sealed_password bytea,
            state text NOT NULL CHECK (state IN ('issued', 'converted', 'withdrawn')),
            created_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            withdrawn_at timestamptz,
            institution_code text COLLATE "C",
            personal_username text COLLATE "C",
            password_hash text,
            generic_verifier bytea,
            given_name text,
            family_name text,
            birth_date text,
            email text,
            candidate_number text,
            registered_at timestamptz,
            last_sign_in_at timestamptz,
            failed_attempts integer NOT NULL DEFAULT 0,
            locked_until timestamptz,
            group_id uuid REFERENCES entry_group(id),
            updated_at timestamptz,
            CONSTRAINT entry_number UNIQUE (session_id, number),
            CONSTRAINT entry_username UNIQUE (username),
            CHECK (username IS NOT NULL OR personal_username IS NOT NULL)
        );
        CREATE INDEX entry_on_batch ON entry(batch_id);
        CREATE UNIQUE INDEX entry_personal_username ON entry(institution_code, personal_username)
            WHERE personal_username IS NOT NULL;
        -- Candidate numbers are looked up in any case.
        CREATE INDEX entry_on_candidate_number ON entry(session_id, upper(candidate_number)) WHERE candidate_number IS NOT NULL;
        CREATE INDEX entry_on_group ON entry(group_id) WHERE group_id IS NOT NULL;
        CREATE TABLE import_row (
            job_id uuid NOT NULL REFERENCES import_job(id),
            number integer NOT NULL,
            cells text NOT NULL,
            outcome text NOT NULL CHECK (outcome IN ('pending', 'created', 'updated', 'unchanged', 'error')),
            error text,
            entry_id uuid,
            password_source text CHECK (password_source IN ('generated', 'file', 'default')),
            PRIMARY KEY (job_id, number)
        );
        CREATE TABLE audit_event (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at timestamptz NOT NULL,
            actor text NOT NULL,
            action text NOT NULL,
            session_id uuid,
            detail text NOT NULL
        );
        CREATE INDEX audit_event_on_session ON audit_event(session_id, id);
        CREATE TABLE staff (
            id uuid PRIMARY KEY,
            username text COLLATE "C" NOT NULL,
            role text NOT NULL CHECK (role IN ('admin', 'coordinator', 'invigilator')),
            institution_code text COLLATE "C" REFERENCES institution(code),
            password_hash text NOT NULL,
            created_at timestamptz NOT NULL,
            disabled_at timestamptz,
            failed_attempts integer NOT NULL DEFAULT 0,
            locked_until timestamptz,
            CONSTRAINT staff_username UNIQUE (username),
            CHECK ((role = 'admin') = (institution_code IS NULL))
        );
        CREATE TABLE api_token (
            digest text COLLATE "C" PRIMARY KEY,
            staff_id uuid NOT NULL REFERENCES staff(id),
            created_at timestamptz NOT NULL,
            revoked_at timestamptz
        );
        CREATE INDEX api_token_on_staff ON api_token(staff_id);
        -- Which data key seals this database's secrets: a keyed check value, never the key.
        CREATE TABLE data_key (
            id integer PRIMARY KEY CHECK (id = 1),
            check_value bytea NOT NULL,
            recorded_at timestamptz NOT NULL
        );
        CREATE TABLE web_session (
            key text COLLATE "C" NOT NULL,
            value bytea NOT NULL,
            expires_at timestamptz,
            CONSTRAINT web_session_key PRIMARY KEY (key)
        );
        CREATE INDEX web_session_on_expiry ON web_session(expires_at);
        CREATE TABLE first_login_grant (
            digest text COLLATE "C" PRIMARY KEY,
            entry_id uuid NOT NULL REFERENCES entry(id),
            generic_verifier bytea NOT NULL,
            created_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            used_at timestamptz
        );
        CREATE INDEX first_login_grant_on_expiry ON first_login_grant(expires_at);
        CREATE TABLE pending_import (
            digest text COLLATE "C" PRIMARY KEY,
            session_id uuid NOT NULL REFERENCES test_session(id),
            staff_id uuid NOT NULL REFERENCES staff(id),
            sealed bytea NOT NULL,
            expires_at timestamptz NOT NULL
        );
        """
}

extension PostgresSchema {
    /// What `migrate` found.
    enum Outcome {
        case upToDate
        /// The database has versions this Admit does not know.
        case newer
    }

    /// Brings the schema up to date, in one transaction under the migration lock, so that of two servers
    /// starting together one migrates and the other then finds it done.
    ///
    /// READ COMMITTED, not the store's SERIALIZABLE: a snapshot taken before the lock was granted would not see
    /// the migration the other server committed while this one waited.
    static func migrate(on db: PGConnection) throws -> Outcome {
        try db.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        try db.exec("SELECT pg_advisory_xact_lock($1)", [.int(migrationLock)])
        // Only when missing: IF NOT EXISTS alone still needs the right to create in the schema.
        let exists: Bool = try db.exec("SELECT to_regclass('admit_schema') IS NOT NULL AS found")[0]["found"]
        if !exists {
            try db.execute("CREATE TABLE admit_schema (version text PRIMARY KEY, applied_at timestamptz NOT NULL)")
        }
        let applied = Set(try db.exec("SELECT version FROM admit_schema").map { $0["version"] as String })
        let known = Set(migrations.map(\.version))
        guard applied.isSubset(of: known) else {
            try db.execute("ROLLBACK")
            return .newer
        }
        for migration in migrations where !applied.contains(migration.version) {
            try db.execute(migration.sql)
            try db.exec("INSERT INTO admit_schema (version, applied_at) VALUES ($1, now())", [.text(migration.version)])
        }
        try db.execute("COMMIT")
        return .upToDate
    }
}
