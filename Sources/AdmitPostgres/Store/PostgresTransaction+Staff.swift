import AdmitCore
import Foundation

// Staff accounts and their API tokens (kept as SHA-256 digests only).
extension PostgresTransaction {
    func staff(username: String) throws -> StaffMember? {
        try db.exec("SELECT * FROM staff WHERE username = $1", [.text(username)]).first.map(StaffMember.init(pgRow:))
    }

    func staff(id: UUID) throws -> StaffMember? {
        try db.exec("SELECT * FROM staff WHERE id = $1", [.uuid(id)]).first.map(StaffMember.init(pgRow:))
    }

    func staff(tokenDigest: String) throws -> StaffMember? {
        try db.exec(
            """
            SELECT staff.* FROM api_token JOIN staff ON staff.id = api_token.staff_id
            WHERE api_token.digest = $1 AND api_token.revoked_at IS NULL
            """, [.text(tokenDigest)]
        ).first.map(StaffMember.init(pgRow:))
    }

    func staffMembers() throws -> [StaffMember] {
        try db.exec("SELECT * FROM staff ORDER BY username").map(StaffMember.init(pgRow:))
    }

    func insert(_ staff: StaffMember) throws {
        try db.exec(
            """
            INSERT INTO staff (id, username, role, institution_code, password_hash, created_at, disabled_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
            """,
            [
                .uuid(staff.id), .text(staff.username), .text(staff.role.rawValue), PGValue(staff.institutionCode),
                .text(staff.passwordHash), .date(staff.createdAt), PGValue(staff.disabledAt),
            ])
    }

    func disableStaff(id: UUID, at date: Date) throws {
        try db.exec("UPDATE staff SET disabled_at = $1 WHERE id = $2", [.date(date), .uuid(id)])
        try db.exec("UPDATE api_token SET revoked_at = $1 WHERE staff_id = $2 AND revoked_at IS NULL", [.date(date), .uuid(id)])
    }

    func countFailedStaffSignIn(id: UUID) throws -> Int {
        let row = try db.exec("UPDATE staff SET failed_attempts = failed_attempts + 1 WHERE id = $1 RETURNING failed_attempts", [.uuid(id)]).first
        return row.map { $0["failed_attempts"] as Int } ?? 0
    }

    func lockStaff(id: UUID, until date: Date) throws {
        try db.exec("UPDATE staff SET locked_until = $1 WHERE id = $2", [.date(date), .uuid(id)])
    }

    func recordSuccessfulStaffSignIn(id: UUID) throws {
        try db.exec("UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = $1", [.uuid(id)])
    }

    func replaceTokens(staff: UUID, digest: String, at date: Date) throws {
        try db.exec("UPDATE api_token SET revoked_at = $1 WHERE staff_id = $2 AND revoked_at IS NULL", [.date(date), .uuid(staff)])
        try db.exec("INSERT INTO api_token (digest, staff_id, created_at) VALUES ($1, $2, $3)", [.text(digest), .uuid(staff), .date(date)])
    }
}
