import AdmitCore
import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode, through a GRDB `DatabasePool` (one writer, concurrent readers).
public struct SQLiteStore: Store {
    let writer: any DatabaseWriter

    /// Opens (and creates, 0600, in a 0700 folder) the database at `url`, then brings its schema up to date.
    public static func open(at url: URL) throws -> SQLiteStore {
        try prepareFile(at: url)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: url.path, configuration: configuration)
        } catch let error as DatabaseError {
            throw AdmitError(.storage, .cannotOpen(database: "the database \(url.path)", cause: error.message ?? "\(error.resultCode)"))
        }
        try prepare(pool, describedAs: url.path)
        return SQLiteStore(writer: pool)
    }

    static var configuration: Configuration {
        var configuration = Configuration()
        // Several admit processes (or a server and the CLI) may write at once: wait for the lock, don't fail.
        configuration.busyMode = .timeout(15)
        configuration.prepareDatabase { db in
            // Destroyed secrets are overwritten on disk, not left in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // The writer's page cache at most 1 MiB, half SQLite's default: a big import touches every page of a growing
            // database, and its memory should stay flat, not fill a larger cache; readers keep the default.
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = -1024") }
        }
        return configuration
    }

    private static func prepare(_ writer: any DatabaseWriter, describedAs name: String) throws {
        let migrator = Schema.migrator
        do {
            if try writer.read(migrator.hasBeenSuperseded) {
                throw AdmitError(.storage, .databaseNewer(database: "the database \(name)", latest: Schema.latest))
            }
            try migrator.migrate(writer)
        } catch let error as DatabaseError {
            throw AdmitError(.storage, .databaseUnusable(database: "the database \(name)", cause: error.message ?? "\(error.resultCode)"))
        }
    }

    private static func prepareFile(at url: URL) throws {
        let manager = FileManager.default
        let folder = url.deletingLastPathComponent()
        if !manager.fileExists(atPath: folder.path) {
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw AdmitError(.storage, .folderNotCreatable(folder.path))
            }
        }
        // SQLite gives the -wal and -shm files the main file's mode, so 0600 here covers all three.
        let descriptor = Foundation.open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if descriptor >= 0 { close(descriptor) }
    }

    public func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try translatingErrors { try writer.read { db in try body(SQLiteTransaction(db: db)) } }
    }

    public func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T {
        let destroyed = DestroyedSecrets()
        let result = try translatingErrors { try writer.write { db in try body(SQLiteTransaction(db: db, destroyed: destroyed)) } }
        if destroyed.any { wipeOldCopies() }
        return result
    }

    /// A destroyed secret's old page stays in the WAL until a checkpoint copies the new page back (zeroed, with
    /// `secure_delete`) and truncates the log. TRUNCATE waits for readers to move to the newest snapshot.
    private func wipeOldCopies() {
        // The secret is already gone from the database; if readers keep the log busy for 15 s, the next
        // destroying write, or closing the database, truncates it.
        _ = try? writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    private func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.retryable("the database is busy with another Admit process")
        } catch let error as DatabaseError
            where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
            || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
        {
            throw StoreError.duplicate(Self.constraint(named: error.message ?? ""))
        } catch let error as DatabaseError {
            throw StoreError.refused(error.message ?? "\(error.resultCode)")
        }
    }

    /// SQLite names the columns of a unique rule that refused a change ("UNIQUE constraint failed: entry.username").
    static func constraint(named message: String) -> StoreConstraint {
        let columns = message.components(separatedBy: ": ").last ?? ""
        return switch columns {
        case "institution.code": .institutionCode
        case "entry.session_id, entry.number": .entryNumber
        case "entry.username": .genericUsername
        case "entry.institution_code, entry.personal_username": .personalUsername
        case "batch.request_key": .requestKey
        case "entry_group.session_id, entry_group.name": .groupName
        case "staff.username": .staffUsername
        case "web_session.key": .webSession
        default: .other
        }
    }
}

extension Schema {
    static var latest: String { migrator.migrations.last ?? "none" }
}

/// Whether a write transaction destroyed a sealed secret.
final class DestroyedSecrets: @unchecked Sendable {
    var any = false
}
