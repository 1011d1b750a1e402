import AdmitCore
import Foundation

// What browsers carry between requests, kept in the store so that any server can serve the next one: browser
// sessions, first-login grants and checked rosters, each with an expiry.
extension PostgresTransaction {
    func webSession(key: String, at now: Date) throws -> [UInt8]? {
        let row = try db.exec(
            "SELECT value FROM web_session WHERE key = $1 AND (expires_at IS NULL OR expires_at > $2)",
            [.text(key), .date(now)]
        ).first
        return row.map { $0["value"] as [UInt8] }
    }

    func saveWebSession(key: String, value: [UInt8], expiresAt: Date?) throws {
        try db.exec(
            """
            INSERT INTO web_session (key, value, expires_at) VALUES ($1, $2, $3)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = COALESCE(excluded.expires_at, web_session.expires_at)
            """, [.text(key), .bytes(value), PGValue(expiresAt)])
    }

    func insertWebSession(key: String, value: [UInt8], expiresAt: Date?) throws -> Bool {
        try db.exec(
            "INSERT INTO web_session (key, value, expires_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING",
            [.text(key), .bytes(value), PGValue(expiresAt)]
        ).affectedRows == 1
    }

    func deleteWebSession(key: String) throws {
        try db.exec("DELETE FROM web_session WHERE key = $1", [.text(key)])
    }

    func firstLoginGrant(digest: String) throws -> FirstLoginGrant? {
        try db.exec("SELECT * FROM first_login_grant WHERE digest = $1", [.text(digest)]).first.map(FirstLoginGrant.init(pgRow:))
    }

    func insert(_ grant: FirstLoginGrant) throws {
        try db.exec(
            """
            INSERT INTO first_login_grant (digest, entry_id, generic_verifier, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, $6)
            """,
            [
                .text(grant.digest), .uuid(grant.entryID), .bytes(grant.genericVerifier), .date(grant.createdAt), .date(grant.expiresAt),
                PGValue(grant.usedAt),
            ])
    }

    func useFirstLoginGrant(digest: String, at date: Date) throws -> Bool {
        try db.exec(
            "UPDATE first_login_grant SET used_at = $1 WHERE digest = $2 AND used_at IS NULL AND expires_at > $1",
            [.date(date), .text(digest)]
        ).affectedRows == 1
    }

    func insert(_ pending: PendingImport) throws {
        try db.exec(
            "INSERT INTO pending_import (digest, session_id, staff_id, sealed, expires_at) VALUES ($1, $2, $3, $4, $5)",
            [.text(pending.digest), .uuid(pending.sessionID), .uuid(pending.staffID), .bytes(pending.sealed), .date(pending.expiresAt)])
    }

    func takePendingImport(digest: String, session: UUID, staff: UUID, at date: Date) throws -> [UInt8]? {
        let row = try db.exec(
            """
            DELETE FROM pending_import WHERE digest = $1 AND session_id = $2 AND staff_id = $3 AND expires_at > $4 RETURNING sealed
            """, [.text(digest), .uuid(session), .uuid(staff), .date(date)]
        ).first
        return row.map { $0["sealed"] as [UInt8] }
    }

    func trimPendingImports(staff: UUID, keeping: Int) throws -> Int {
        try db.exec(
            """
            DELETE FROM pending_import WHERE staff_id = $1 AND digest NOT IN
                (SELECT digest FROM pending_import WHERE staff_id = $1 ORDER BY expires_at DESC, digest LIMIT $2)
            """, [.uuid(staff), .int(Int64(keeping))]
        ).affectedRows
    }

    func deleteExpired(at date: Date) throws -> Int {
        try ["web_session", "first_login_grant", "pending_import"].reduce(0) { count, table in
            count + (try db.exec("DELETE FROM \(table) WHERE expires_at <= $1", [.date(date)]).affectedRows)
        }
    }
}
