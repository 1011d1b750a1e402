import GRDB

/// The numbered schema migrations. Plain SQL that never uses app types, so an old migration keeps meaning
/// what it meant when it shipped.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE institution (
                        code TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        created_at TEXT NOT NULL
                    );
                    CREATE TABLE test_session (
                        id TEXT PRIMARY KEY NOT NULL,
                        institution_code TEXT NOT NULL REFERENCES institution(code),
                        name TEXT NOT NULL,
                        starts_at TEXT,
                        ends_at TEXT,
                        created_at TEXT NOT NULL
                    );
                    CREATE INDEX test_session_on_name ON test_session(name);
                    CREATE TABLE batch (
                        id TEXT PRIMARY KEY NOT NULL,
                        session_id TEXT NOT NULL REFERENCES test_session(id),
                        request_key TEXT UNIQUE,
                        size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 500),
                        created_at TEXT NOT NULL,
                        created_by TEXT NOT NULL
                    );
                    CREATE TABLE entry (
                        id TEXT PRIMARY KEY NOT NULL,
                        session_id TEXT NOT NULL REFERENCES test_session(id),
                        batch_id TEXT NOT NULL REFERENCES batch(id),
                        number INTEGER NOT NULL,
                        username TEXT NOT NULL UNIQUE,
                        sealed_password BLOB,
                        state TEXT NOT NULL CHECK (state IN ('issued', 'converted', 'withdrawn')),
                        created_at TEXT NOT NULL,
                        expires_at TEXT NOT NULL,
                        withdrawn_at TEXT,
                        UNIQUE (session_id, number)
                    );
                    CREATE INDEX entry_on_batch ON entry(batch_id);
                    CREATE TABLE audit_event (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        session_id TEXT,
                        detail TEXT NOT NULL
                    );
                    CREATE INDEX audit_event_on_session ON audit_event(session_id, id);
                    """)
        }
        migrator.registerMigration("v2") { db in
            // First login: session settings, the personal login, and sign-in counters.
            try db.execute(
                sql: """
                    ALTER TABLE test_session ADD COLUMN username_template TEXT NOT NULL DEFAULT '{given}.{family}';
                    ALTER TABLE test_session ADD COLUMN required_details TEXT NOT NULL DEFAULT '';
                    ALTER TABLE entry ADD COLUMN institution_code TEXT;
                    UPDATE entry SET institution_code = (SELECT institution_code FROM test_session WHERE test_session.id = entry.session_id);
                    ALTER TABLE entry ADD COLUMN personal_username TEXT;
                    ALTER TABLE entry ADD COLUMN password_hash TEXT;
                    ALTER TABLE entry ADD COLUMN generic_verifier BLOB;
                    ALTER TABLE entry ADD COLUMN given_name TEXT;
                    ALTER TABLE entry ADD COLUMN family_name TEXT;
                    ALTER TABLE entry ADD COLUMN birth_date TEXT;
                    ALTER TABLE entry ADD COLUMN email TEXT;
                    ALTER TABLE entry ADD COLUMN candidate_number TEXT;
                    ALTER TABLE entry ADD COLUMN registered_at TEXT;
                    ALTER TABLE entry ADD COLUMN last_sign_in_at TEXT;
                    ALTER TABLE entry ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE entry ADD COLUMN locked_until TEXT;
                    CREATE UNIQUE INDEX entry_on_personal_username ON entry(institution_code, personal_username)
                        WHERE personal_username IS NOT NULL;
                    """)
        }
        migrator.registerMigration("v3") { db in
            // Where candidates sign in, printed on slips.
            try db.execute(sql: "ALTER TABLE test_session ADD COLUMN sign_in_url TEXT")
        }
        migrator.registerMigration("v4") { db in
            // Named rosters: an entry made from a roster row has no generic username (its login is its personal
            // username from the start), may belong to a group, and comes from an import job. SQLite cannot drop
            // NOT NULL, so the entry table is rebuilt (GRDB defers foreign-key checks in migrations).
            try db.execute(
                sql: """
                    CREATE TABLE entry_group (
                        id TEXT PRIMARY KEY NOT NULL,
                        session_id TEXT NOT NULL REFERENCES test_session(id),
                        name TEXT NOT NULL COLLATE NOCASE,
                        created_at TEXT NOT NULL,
                        UNIQUE (session_id, name)
                    );
                    CREATE TABLE new_entry (
                        id TEXT PRIMARY KEY NOT NULL,
                        session_id TEXT NOT NULL REFERENCES test_session(id),
                        batch_id TEXT NOT NULL REFERENCES batch(id),
                        number INTEGER NOT NULL,
                        username TEXT UNIQUE,
                        sealed_password BLOB,
                        state TEXT NOT NULL CHECK (state IN ('issued', 'converted', 'withdrawn')),
                        created_at TEXT NOT NULL,
                        expires_at TEXT NOT NULL,
                        withdrawn_at TEXT,
                        institution_code TEXT,
                        personal_username TEXT,
                        password_hash TEXT,
                        generic_verifier BLOB,
                        given_name TEXT,
                        family_name TEXT,
                        birth_date TEXT,
                        email TEXT,
                        candidate_number TEXT,
                        registered_at TEXT,
                        last_sign_in_at TEXT,
                        failed_attempts INTEGER NOT NULL DEFAULT 0,
                        locked_until TEXT,
                        group_id TEXT REFERENCES entry_group(id),
                        updated_at TEXT,
                        UNIQUE (session_id, number),
                        CHECK (username IS NOT NULL OR personal_username IS NOT NULL)
                    );
                    INSERT INTO new_entry SELECT *, NULL, NULL FROM entry;
                    DROP TABLE entry;
                    ALTER TABLE new_entry RENAME TO entry;
                    CREATE INDEX entry_on_batch ON entry(batch_id);
                    CREATE UNIQUE INDEX entry_on_personal_username ON entry(institution_code, personal_username)
                        WHERE personal_username IS NOT NULL;
                    CREATE INDEX entry_on_candidate_number ON entry(session_id, candidate_number) WHERE candidate_number IS NOT NULL;
                    CREATE INDEX entry_on_group ON entry(group_id) WHERE group_id IS NOT NULL;

                    CREATE TABLE import_job (
                        id TEXT PRIMARY KEY NOT NULL,
                        session_id TEXT NOT NULL REFERENCES test_session(id),
                        file_name TEXT NOT NULL,
                        format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx', 'pasted')),
                        header TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('queued', 'in progress', 'completed', 'completed with errors', 'failed')),
                        created_at TEXT NOT NULL,
                        created_by TEXT NOT NULL,
                        started_at TEXT,
                        finished_at TEXT,
                        row_count INTEGER NOT NULL,
                        created_count INTEGER NOT NULL DEFAULT 0,
                        updated_count INTEGER NOT NULL DEFAULT 0,
                        unchanged_count INTEGER NOT NULL DEFAULT 0,
                        error_count INTEGER NOT NULL DEFAULT 0,
                        failure TEXT
                    );
                    CREATE INDEX import_job_on_session ON import_job(session_id, created_at);
                    CREATE TABLE import_row (
                        job_id TEXT NOT NULL REFERENCES import_job(id),
                        number INTEGER NOT NULL,
                        cells TEXT NOT NULL,
                        outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'created', 'updated', 'unchanged', 'error')),
                        error TEXT,
                        entry_id TEXT,
                        password_source TEXT CHECK (password_source IN ('generated', 'file', 'default')),
                        PRIMARY KEY (job_id, number)
                    ) WITHOUT ROWID;
                    ALTER TABLE batch ADD COLUMN import_job_id TEXT REFERENCES import_job(id);
                    """)
        }
        migrator.registerMigration("v5") { db in
            // Staff accounts for the web pages and the API; tokens are kept as SHA-256 digests only.
            try db.execute(
                sql: """
                    CREATE TABLE staff (
                        id TEXT PRIMARY KEY NOT NULL,
                        username TEXT NOT NULL UNIQUE,
                        role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'invigilator')),
                        institution_code TEXT REFERENCES institution(code),
                        password_hash TEXT NOT NULL,
                        created_at TEXT NOT NULL,
                        disabled_at TEXT,
                        failed_attempts INTEGER NOT NULL DEFAULT 0,
                        locked_until TEXT,
                        CHECK ((role = 'admin') = (institution_code IS NULL))
                    );
                    CREATE TABLE api_token (
                        digest TEXT PRIMARY KEY NOT NULL,
                        staff_id TEXT NOT NULL REFERENCES staff(id),
                        created_at TEXT NOT NULL,
                        revoked_at TEXT
                    ) WITHOUT ROWID;
                    CREATE INDEX api_token_on_staff ON api_token(staff_id);
                    """)
        }
        migrator.registerMigration("v6") { db in
            // Which data key seals this database's secrets: a keyed check value, never the key.
            try db.execute(
                sql: """
                    CREATE TABLE data_key (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        check_value BLOB NOT NULL,
                        recorded_at TEXT NOT NULL
                    );
                    """)
        }
        migrator.registerMigration("v7") { db in
            // Several writers: entry numbers reserved from a counter; browser sessions, first-login grants and
            // checked rosters kept in the store; a running import holds its job and renews the hold.
            try db.execute(
                sql: """
                    ALTER TABLE test_session ADD COLUMN next_entry_number INTEGER NOT NULL DEFAULT 1;
                    UPDATE test_session
                        SET next_entry_number = COALESCE((SELECT MAX(number) FROM entry WHERE entry.session_id = test_session.id), 0) + 1;
                    ALTER TABLE import_job ADD COLUMN held_by TEXT;
                    ALTER TABLE import_job ADD COLUMN held_until TEXT;
                    CREATE TABLE web_session (
                        key TEXT PRIMARY KEY NOT NULL,
                        value BLOB NOT NULL,
                        expires_at TEXT
                    ) WITHOUT ROWID;
                    CREATE INDEX web_session_on_expiry ON web_session(expires_at);
                    CREATE TABLE first_login_grant (
                        digest TEXT PRIMARY KEY NOT NULL,
                        entry_id TEXT NOT NULL REFERENCES entry(id),
                        generic_verifier BLOB NOT NULL,
                        created_at TEXT NOT NULL,
                        expires_at TEXT NOT NULL,
                        used_at TEXT
                    ) WITHOUT ROWID;
                    CREATE INDEX first_login_grant_on_expiry ON first_login_grant(expires_at);
                    CREATE TABLE pending_import (
                        digest TEXT PRIMARY KEY NOT NULL,
                        session_id TEXT NOT NULL REFERENCES test_session(id),
                        staff_id TEXT NOT NULL REFERENCES staff(id),
                        sealed BLOB NOT NULL,
                        expires_at TEXT NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v8") { db in
            // Exam-day recovery: when a coordinator last gave an entry a new temporary password. A registered entry
            // reset so signs in with its personal username and that password, and only chooses a new password.
            try db.execute(sql: "ALTER TABLE entry ADD COLUMN reset_at TEXT")
        }
        return migrator
    }
}
