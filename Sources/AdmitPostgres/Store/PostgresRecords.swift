import AdmitCore
import Foundation

// Decoding of Core's types from rows of the PostgreSQL store, column for column as the SQLite store's Records.swift.

extension Institution {
    init(pgRow row: PGRow) {
        self.init(code: row["code"], name: row["name"], createdAt: row["created_at"])
    }
}

extension TestSession {
    init(pgRow row: PGRow) {
        let template: String = row["username_template"]
        let required: String = row["required_details"]
        self.init(
            id: row["id"], institutionCode: row["institution_code"], name: row["name"],
            startsAt: row["starts_at"], endsAt: row["ends_at"], createdAt: row["created_at"],
            usernameTemplate: (try? UsernameTemplate(template)) ?? .standard,
            requiredDetails: (try? DetailField.set(from: required)) ?? [], signInURL: row["sign_in_url"])
    }
}

extension Batch {
    init(pgRow row: PGRow) {
        self.init(
            id: row["id"], sessionID: row["session_id"], requestKey: row["request_key"], size: row["size"],
            createdAt: row["created_at"], createdBy: row["created_by"], importJobID: row["import_job_id"])
    }
}

extension Entry {
    init(pgRow row: PGRow) {
        // A named entry has no generic username: its login is its personal username from the start.
        let generic: String? = row["username"]
        let personal: String? = row["personal_username"]
        self.init(
            id: row["id"], sessionID: row["session_id"], batchID: row["batch_id"], number: row["number"],
            username: generic ?? personal ?? "", sealedPassword: row["sealed_password"],
            // The schema's CHECK allows only known states; were one unknown, nothing should sign in with it.
            storedState: EntryState(rawValue: row["state"]) ?? .withdrawn,
            createdAt: row["created_at"], expiresAt: row["expires_at"], withdrawnAt: row["withdrawn_at"],
            institutionCode: row["institution_code"])
        kind = generic == nil ? .named : .generic
        personalUsername = personal
        passwordHash = row["password_hash"]
        genericVerifier = row["generic_verifier"]
        if let given: String = row["given_name"], let family: String = row["family_name"] {
            details = CandidateDetails(
                givenName: given, familyName: family, birthDate: row["birth_date"],
                email: row["email"], candidateNumber: row["candidate_number"])
        }
        registeredAt = row["registered_at"]
        lastSignInAt = row["last_sign_in_at"]
        failedAttempts = row["failed_attempts"]
        lockedUntil = row["locked_until"]
        groupID = row["group_id"]
        updatedAt = row["updated_at"]
        resetAt = row["reset_at"]
    }
}

extension EntryGroup {
    init(pgRow row: PGRow) {
        self.init(id: row["id"], sessionID: row["session_id"], name: row["name"], createdAt: row["created_at"])
    }
}

extension ImportJob {
    init(pgRow row: PGRow) {
        let header: String = row["header"]
        self.init(
            id: row["id"], sessionID: row["session_id"], fileName: row["file_name"],
            format: Format(rawValue: row["format"]) ?? .csv,
            header: (try? JSONDecoder().decode([String].self, from: Data(header.utf8))) ?? [],
            state: State(rawValue: row["state"]) ?? .failed, createdAt: row["created_at"], createdBy: row["created_by"],
            rowCount: row["row_count"],
            counts: ImportCounts(
                new: row["created_count"], updated: row["updated_count"], unchanged: row["unchanged_count"],
                errors: row["error_count"]))
        startedAt = row["started_at"]
        finishedAt = row["finished_at"]
        failure = row["failure"]
        heldBy = row["held_by"]
        heldUntil = row["held_until"]
    }
}

extension ImportRow {
    init(pgRow row: PGRow) {
        let cells: String = row["cells"]
        let source: String? = row["password_source"]
        self.init(
            jobID: row["job_id"], number: row["number"],
            cells: (try? JSONDecoder().decode([String].self, from: Data(cells.utf8))) ?? [],
            outcome: Outcome(rawValue: row["outcome"]) ?? .pending, error: row["error"], entryID: row["entry_id"],
            passwordSource: source.flatMap(PasswordSource.init(rawValue:)))
    }
}

extension AuditEvent {
    init(pgRow row: PGRow) throws {
        let detail: String = row["detail"]
        let actionName: String = row["action"]
        guard let action = Action(rawValue: actionName) else {
            throw AdmitError(.storage, .unknownAuditAction(actionName))
        }
        self.init(
            at: row["at"], actor: row["actor"], action: action, sessionID: row["session_id"],
            detail: try JSONDecoder().decode(Detail.self, from: Data(detail.utf8)))
    }
}

extension StaffMember {
    init(pgRow row: PGRow) {
        let role: String = row["role"]
        self.init(
            id: row["id"], username: row["username"], role: StaffRole(rawValue: role) ?? .invigilator,
            institutionCode: row["institution_code"], passwordHash: row["password_hash"], createdAt: row["created_at"],
            disabledAt: row["disabled_at"], failedAttempts: row["failed_attempts"], lockedUntil: row["locked_until"])
    }
}

extension FirstLoginGrant {
    init(pgRow row: PGRow) {
        self.init(
            digest: row["digest"], entryID: row["entry_id"], genericVerifier: row["generic_verifier"],
            createdAt: row["created_at"], expiresAt: row["expires_at"], usedAt: row["used_at"])
    }
}

/// Audit details as the SQLite store writes them: JSON with sorted keys.
enum AuditJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()
}
