import AdmitCore
import AdmitCrypto
import AdmitPostgres
import AdmitPostgresTestTools
import Foundation
import GRDB
import Testing

@testable import AdmitSQLite

/// The stores the behaviour tests run against: SQLite always; PostgreSQL beside a cluster (Tests/with-postgres.sh),
/// and on CI always, where a missing cluster fails its cases instead of leaving them out.
enum StoreKind: String, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static var all: [StoreKind] { TestPostgres.isEnabled ? [.sqlite, .postgres] : [.sqlite] }

    var testDescription: String { rawValue }
}

/// A fresh database of its own, with one institution and one session: a SQLite file in a folder of its own, or a
/// PostgreSQL database dropped when the test is done with it (and a key file written for it in the folder, as a
/// shared database gets its key from outside).
struct Fixture {
    let kind: StoreKind
    let folder: URL
    let store: any Store
    let admissions: Admissions
    let session: TestSession
    let clock: TestClock
    /// The PostgreSQL database, for looking at it from outside the store.
    let postgres: TestDatabase?

    /// Cheap Argon2id parameters, for tests about anything but the hash's cost.
    static let quickHasher = PasswordHasher(memoryKiB: 1024, iterations: 1, parallelism: 1)

    init(
        _ kind: StoreKind, random: any RandomSource = SecureRandom(), endsAt: Date? = nil, hasher: PasswordHasher = Fixture.quickHasher,
        requiring required: Set<DetailField> = []
    ) throws {
        self.kind = kind
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-store-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        switch kind {
        case .sqlite:
            postgres = nil
            store = try SQLiteStore.open(at: folder.appendingPathComponent("admit.sqlite"))
        case .postgres:
            let database = try TestDatabase()
            postgres = database
            store = try PostgresStore.open(uri: database.uri, connections: 4)
            _ = try DataKey.create(at: folder.appendingPathComponent("admit.key"))
        }
        clock = TestClock()
        admissions = Admissions(
            store: store, dataKey: Self.keySource(kind, in: folder), actor: "tester", random: random, hasher: hasher,
            clock: clock.now)
        try admissions.addInstitution(code: "GB042", name: "Northfield College")
        session = try admissions.createSession(institution: "GB042", name: "June Maths", endsAt: endsAt, requiredDetails: required)
    }

    /// The key file beside the database: made on first need for SQLite, written beforehand for PostgreSQL.
    var keySource: DataKeySource { Self.keySource(kind, in: folder) }

    private static func keySource(_ kind: StoreKind, in folder: URL) -> DataKeySource {
        let file = folder.appendingPathComponent("admit.key")
        return kind == .sqlite ? .file(file) : .existingFile(file)
    }

    var sqlite: SQLiteStore {
        get throws { try #require(store as? SQLiteStore, "a test of the SQLite store's files") }
    }

    var databaseFiles: [URL] {
        ["admit.sqlite", "admit.sqlite-wal", "admit.sqlite-shm"].map { folder.appendingPathComponent($0) }
    }

    /// Everything the store keeps: the database's files (with their WAL) for SQLite; every value of every table
    /// for PostgreSQL, text as UTF-8 and bytea as its bytes. A secret in clear anywhere is found here.
    func storedBytes() throws -> Data {
        var bytes = Data()
        switch kind {
        case .sqlite:
            for file in databaseFiles where FileManager.default.fileExists(atPath: file.path) {
                bytes.append(try Data(contentsOf: file))
            }
        case .postgres:
            bytes = try #require(postgres).storedBytes()
        }
        return bytes
    }

    /// Runs SQL on the database behind the store's back (a record of an older version, a schema rule).
    func execute(_ sql: String) throws {
        switch kind {
        case .sqlite: try sqlite.writer.write { try $0.execute(sql: sql) }
        case .postgres: try #require(postgres).connection().execute(sql)
        }
    }

    /// The first column of a query's rows, as text.
    func strings(_ sql: String) throws -> [String] {
        switch kind {
        case .sqlite: try sqlite.writer.read { try String.fetchAll($0, sql: sql) }
        case .postgres: try #require(postgres).connection().exec(sql).map { $0[0] as String }
        }
    }

    /// Another server on the same PostgreSQL database: a store of its own, the same key and clock.
    func anotherServer(random: any RandomSource = SecureRandom()) throws -> Admissions {
        let store = try PostgresStore.open(uri: try #require(postgres, "a second server shares a PostgreSQL database").uri, connections: 4)
        return Admissions(store: store, dataKey: keySource, actor: "tester", random: random, hasher: Fixture.quickHasher, clock: clock.now)
    }

    func entryCount() throws -> Int { try admissions.entries(of: session).count }

    /// Adds a batch and returns its credentials as a slip gives them.
    func slips(_ count: Int, to session: TestSession? = nil) throws -> [CredentialRow] {
        let sheet = CapturedSheet()
        try admissions.addBatch(to: session ?? self.session, try BatchRequest(size: count), files: [capture(sheet, name: "slips-\(UUID())")])
        return sheet.rows
    }

    func entry(_ row: CredentialRow) throws -> Entry {
        try #require(try store.read { try $0.entries(ids: [row.entryID]) }.first)
    }

    /// A credential file whose rows are kept in memory, so a test sees exactly what a file would get.
    func capture(_ sheet: CapturedSheet, name: String = "logins.capture") -> CredentialFileRequest {
        CredentialFileRequest(target: folder.appendingPathComponent(name)) { _, _, _ in sheet }
    }
}

/// A PostgreSQL database of a test's own, dropped (with any connection still open to it) when the last fixture
/// holding it goes.
final class TestDatabase: Sendable {
    let name: String
    let uri: String

    init() throws {
        (name, uri) = try TestPostgres.createDatabase()
    }

    deinit { try? TestPostgres.dropDatabase(name) }

    func connection() throws -> PGConnection { try PGConnection(uri: uri) }

    /// Every value of every table, text as UTF-8 and bytea as its bytes, each followed by a zero byte.
    func storedBytes() throws -> Data {
        let db = try connection()
        let columns = try db.exec(
            """
            SELECT table_name AS "table", column_name AS "column", data_type = 'bytea' AS binary
            FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """)
        var bytes = Data()
        for column in columns {
            let table: String = column["table"]
            let name: String = column["column"]
            let binary: Bool = column["binary"]
            let values = try db.exec(binary ? "SELECT \"\(name)\" AS v FROM \(table)" : "SELECT CAST(\"\(name)\" AS text) AS v FROM \(table)")
            for row in values where !row.isNull("v") {
                if binary { bytes.append(contentsOf: row["v"] as [UInt8]) } else { bytes.append(contentsOf: Data((row["v"] as String).utf8)) }
                bytes.append(0)
            }
        }
        return bytes
    }
}

final class CapturedSheet: CredentialSheetWriter {
    var rows: [CredentialRow] = []
    var closed = false
    /// Throws on this row (1-based), as a full disk would.
    var failOnRow: Int?

    init(failOnRow: Int? = nil) { self.failOnRow = failOnRow }

    func add(_ row: CredentialRow) throws {
        if rows.count + 1 == failOnRow { throw CryptoError("no space left on device") }
        rows.append(row)
    }

    func close() throws { closed = true }
}

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_790_000_000)

    var now: @Sendable () -> Date { { [self] in lock.withLock { current } } }

    func advance(by interval: TimeInterval) { lock.withLock { current += interval } }
}

/// The CSPRNG, except that it fails after `bytesBeforeFailure` bytes, as a broken entropy source would.
final class FailingRandom: RandomSource, @unchecked Sendable {
    private let lock = NSLock()
    private var remaining: Int

    init(bytesBeforeFailure: Int) { remaining = bytesBeforeFailure }

    func fill(_ buffer: UnsafeMutableRawBufferPointer) throws {
        try lock.withLock {
            remaining -= buffer.count
            if remaining < 0 { throw CryptoError("RAND_bytes failed") }
        }
        try SecureRandom().fill(buffer)
    }
}

/// The CSPRNG, except that the first `repeats` username draws all give the same username.
final class CollidingRandom: RandomSource, @unchecked Sendable {
    private let lock = NSLock()
    private var repeats: Int
    /// uniformIndices asks for length + length/4 + 4 bytes: 14 for an 8-symbol username, 16 for a password.
    static let usernameRequest = 14

    init(repeats: Int) { self.repeats = repeats }

    func reset(repeats: Int) { lock.withLock { self.repeats = repeats } }

    func fill(_ buffer: UnsafeMutableRawBufferPointer) throws {
        let collide = lock.withLock {
            guard buffer.count == Self.usernameRequest, repeats > 0 else { return false }
            repeats -= 1
            return true
        }
        if collide { buffer.initializeMemory(as: UInt8.self, repeating: 0) } else { try SecureRandom().fill(buffer) }
    }
}
