import AdmitCore
import AdmitCrypto
@testable import AdmitStore
import Foundation
import Testing

/// A fresh database in a folder of its own, with one institution and one session.
struct Fixture {
    let folder: URL
    let store: SQLiteStore
    let admissions: Admissions
    let session: TestSession
    let clock: TestClock

    /// Cheap Argon2id parameters, for tests about anything but the hash's cost.
    static let quickHasher = PasswordHasher(memoryKiB: 1024, iterations: 1, parallelism: 1)

    init(random: any RandomSource = SecureRandom(), endsAt: Date? = nil, hasher: PasswordHasher = Fixture.quickHasher,
         requiring required: Set<DetailField> = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-store-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteStore.open(at: folder.appendingPathComponent("admit.sqlite"))
        clock = TestClock()
        admissions = Admissions(store: store, dataKey: .file(folder.appendingPathComponent("admit.key")),
                                actor: "tester", random: random, hasher: hasher, clock: clock.now)
        try admissions.addInstitution(code: "GB042", name: "Northfield College")
        session = try admissions.createSession(institution: "GB042", name: "June Maths", endsAt: endsAt, requiredDetails: required)
    }

    var databaseFiles: [URL] {
        ["admit.sqlite", "admit.sqlite-wal", "admit.sqlite-shm"].map { folder.appendingPathComponent($0) }
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
