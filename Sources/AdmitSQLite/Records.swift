import AdmitCore
import Foundation
import GRDB

// Decoding of Core's types from rows. Ids are stored as lower-case UUID text, so the file reads well in sqlite3.

extension UUID {
    init(column value: String) {
        guard let id = UUID(uuidString: value) else { preconditionFailure("a stored id is not a UUID") }
        self = id
    }
}

extension Institution {
    init(row: Row) {
        self.init(code: row["code"], name: row["name"], createdAt: row["created_at"])
    }
}

extension TestSession {
    init(row: Row) {
        let template: String = row["username_template"]
        let required: String = row["required_details"]
        self.init(
            id: UUID(column: row["id"]), institutionCode: row["institution_code"], name: row["name"],
            startsAt: row["starts_at"], endsAt: row["ends_at"], createdAt: row["created_at"],
            usernameTemplate: (try? UsernameTemplate(template)) ?? .standard,
            requiredDetails: (try? DetailField.set(from: required)) ?? [], signInURL: row["sign_in_url"])
    }
}

extension Batch {
    init(row: Row) {
        let job: String? = row["import_job_id"]
        self.init(
            id: UUID(column: row["id"]), sessionID: UUID(column: row["session_id"]), requestKey: row["request_key"],
            size: row["size"], createdAt: row["created_at"], createdBy: row["created_by"], importJobID: job.map(UUID.init(column:)))
    }
}

extension Entry {
    init(row: Row) {
        let sealed: Data? = row["sealed_password"]
        // A named entry has no generic username: its login is its personal username from the start.
        let generic: String? = row["username"]
        let personal: String? = row["personal_username"]
        self.init(
            id: UUID(column: row["id"]), sessionID: UUID(column: row["session_id"]), batchID: UUID(column: row["batch_id"]),
            number: row["number"], username: generic ?? personal ?? "", sealedPassword: sealed.map { Array($0) },
            // The schema's CHECK allows only known states; were one unknown, nothing should sign in with it.
            storedState: EntryState(rawValue: row["state"]) ?? .withdrawn,
            createdAt: row["created_at"], expiresAt: row["expires_at"], withdrawnAt: row["withdrawn_at"],
            institutionCode: row["institution_code"])
        let verifier: Data? = row["generic_verifier"]
        kind = generic == nil ? .named : .generic
        personalUsername = personal
        passwordHash = row["password_hash"]
        genericVerifier = verifier.map { Array($0) }
        if let given: String = row["given_name"], let family: String = row["family_name"] {
            details = CandidateDetails(
                givenName: given, familyName: family, birthDate: row["birth_date"],
                email: row["email"], candidateNumber: row["candidate_number"])
        }
        registeredAt = row["registered_at"]
        lastSignInAt = row["last_sign_in_at"]
        failedAttempts = row["failed_attempts"]
        lockedUntil = row["locked_until"]
        let group: String? = row["group_id"]
        groupID = group.map(UUID.init(column:))
        updatedAt = row["updated_at"]
        resetAt = row["reset_at"]
    }
}

extension EntryGroup {
    init(row: Row) {
        self.init(id: UUID(column: row["id"]), sessionID: UUID(column: row["session_id"]), name: row["name"], createdAt: row["created_at"])
    }
}

extension ImportJob {
    init(row: Row) {
        let header: String = row["header"]
        self.init(
            id: UUID(column: row["id"]), sessionID: UUID(column: row["session_id"]), fileName: row["file_name"],
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
    init(row: Row) {
        let cells: String = row["cells"]
        let entry: String? = row["entry_id"]
        let source: String? = row["password_source"]
        self.init(
            jobID: UUID(column: row["job_id"]), number: row["number"],
            cells: (try? JSONDecoder().decode([String].self, from: Data(cells.utf8))) ?? [],
            outcome: Outcome(rawValue: row["outcome"]) ?? .pending, error: row["error"], entryID: entry.map(UUID.init(column:)),
            passwordSource: source.flatMap(PasswordSource.init(rawValue:)))
    }
}

extension AuditEvent {
    init(row: Row) throws {
        let detail: String = row["detail"]
        let session: String? = row["session_id"]
        let actionName: String = row["action"]
        guard let action = Action(rawValue: actionName) else {
            throw AdmitError(.storage, .unknownAuditAction(actionName))
        }
        self.init(
            at: row["at"], actor: row["actor"], action: action,
            sessionID: session.map(UUID.init(column:)),
            detail: try JSONDecoder().decode(Detail.self, from: Data(detail.utf8)))
    }
}

extension StaffMember {
    init(row: Row) {
        let role: String = row["role"]
        self.init(
            id: UUID(column: row["id"]), username: row["username"], role: StaffRole(rawValue: role) ?? .invigilator,
            institutionCode: row["institution_code"], passwordHash: row["password_hash"], createdAt: row["created_at"],
            disabledAt: row["disabled_at"], failedAttempts: row["failed_attempts"], lockedUntil: row["locked_until"])
    }
}

extension FirstLoginGrant {
    init(row: Row) {
        let verifier: Data = row["generic_verifier"]
        self.init(
            digest: row["digest"], entryID: UUID(column: row["entry_id"]), genericVerifier: Array(verifier),
            createdAt: row["created_at"], expiresAt: row["expires_at"], usedAt: row["used_at"])
    }
}
