import AdmitCore
import Foundation

// Mending logins on exam day: an entry by its number, a reset, a session's new times, a staff member's account.
extension PostgresTransaction {
    func entry(session: UUID, number: Int) throws -> Entry? {
        try db.exec("SELECT * FROM entry WHERE session_id = $1 AND number = $2", [.uuid(session), .int(Int64(number))]).first.map(Entry.init(pgRow:))
    }

    func update(_ session: TestSession) throws {
        try db.exec(
            """
            UPDATE test_session SET name = $1, starts_at = $2, ends_at = $3, username_template = $4, required_details = $5, sign_in_url = $6
            WHERE id = $7
            """,
            [
                .text(session.name), PGValue(session.startsAt), PGValue(session.endsAt), .text(session.usernameTemplate.description),
                .text(session.requiredDetails.map(\.rawValue).sorted().joined(separator: ",")), PGValue(session.signInURL), .uuid(session.id),
            ])
    }

    func reset(entry: UUID, sealedPassword: [UInt8], expiresAt: Date, at date: Date) throws -> Bool {
        let changed =
            try db.exec(
                """
                UPDATE entry SET state = 'issued', sealed_password = $1, password_hash = NULL, expires_at = $2, reset_at = $3,
                    failed_attempts = 0, locked_until = NULL
                WHERE id = $4 AND state <> 'withdrawn'
                """, [.bytes(sealedPassword), .date(expiresAt), .date(date), .uuid(entry)]
            ).affectedRows == 1
        guard changed else { return false }
        // A sign-in with the old password may hold a grant to register with: it goes with that password.
        try db.exec("DELETE FROM first_login_grant WHERE entry_id = $1 AND used_at IS NULL", [.uuid(entry)])
        return true
    }

    func setExpiry(entry: UUID, to date: Date) throws {
        try db.exec("UPDATE entry SET expires_at = $1 WHERE id = $2 AND state = 'issued'", [.date(date), .uuid(entry)])
    }

    func update(_ staff: StaffMember) throws {
        try db.exec(
            """
            UPDATE staff SET role = $1, institution_code = $2, password_hash = $3, disabled_at = $4, failed_attempts = $5, locked_until = $6
            WHERE id = $7
            """,
            [
                .text(staff.role.rawValue), PGValue(staff.institutionCode), .text(staff.passwordHash), PGValue(staff.disabledAt),
                .int(Int64(staff.failedAttempts)), PGValue(staff.lockedUntil), .uuid(staff.id),
            ])
    }
}
