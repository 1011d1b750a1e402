import AdmitPostgres
import AdmitPostgresTestTools
import Foundation
import Testing

@Suite(.postgres)
struct PGTransactionTests {
    /// A pool on a new database with one counter row at 0.
    static func withCounter(size: Int = 2, _ body: (PGPool, String) throws -> Void) throws {
        try TestPostgres.withDatabase { uri in
            let pool = PGPool(uri: uri, size: size)
            try pool.withConnection {
                try $0.execute("CREATE TABLE counter (id int PRIMARY KEY, n bigint NOT NULL); INSERT INTO counter VALUES (1, 0);")
            }
            try body(pool, uri)
        }
    }

    static func counter(_ db: PGConnection) throws -> Int {
        try db.exec("SELECT n FROM counter WHERE id = 1")[0]["n"]
    }

    @Test func twoWritersRacingOnOneRowBothCommitEveryIncrement() throws {
        try Self.withCounter { pool, _ in
            // The first increment of each thread reads before either writes: one of them must fail and run again.
            let bothRead = Rendezvous()
            try onThreads(2) { side in
                for increment in 0..<25 {
                    var attempt = 0
                    try pool.transaction(readOnly: false) { db in
                        attempt += 1
                        let n = try Self.counter(db)
                        if increment == 0 && attempt == 1 { bothRead.meet(side) }
                        try db.exec("UPDATE counter SET n = $1 WHERE id = 1", [.int(Int64(n + 1))])
                    }
                }
            }
            #expect(try pool.transaction(readOnly: true) { try Self.counter($0) } == 50)
            #expect(pool.statistics.retries >= 1)
        }
    }

    @Test func aSerializationFailureRunsTheBodyAgain() throws {
        try Self.withCounter { pool, uri in
            let other = try PGConnection(uri: uri)
            var attempts = 0
            let seen = try pool.transaction(readOnly: false) { db in
                attempts += 1
                let n = try Self.counter(db)
                // Someone else commits a change to the row after this transaction's snapshot: updating it fails.
                if attempts == 1 { try other.exec("UPDATE counter SET n = n + 100 WHERE id = 1") }
                try db.exec("UPDATE counter SET n = $1 WHERE id = 1", [.int(Int64(n + 1))])
                return n
            }
            #expect(attempts == 2 && seen == 100)
            #expect(try Self.counter(other) == 101)
            #expect(pool.statistics.retries == 1)
        }
    }

    @Test func aFailureTheBodyCaughtStillFailsTheTransaction() throws {
        try Self.withCounter { pool, uri in
            let other = try PGConnection(uri: uri)
            var attempts = 0
            // A serialization failure swallowed by the body is found at the end, and retried.
            try pool.transaction(readOnly: false) { db in
                attempts += 1
                let n = try Self.counter(db)
                if attempts == 1 { try other.exec("UPDATE counter SET n = n + 100 WHERE id = 1") }
                _ = try? db.exec("UPDATE counter SET n = $1 WHERE id = 1", [.int(Int64(n + 1))])
            }
            #expect(try attempts == 2 && Self.counter(other) == 101)

            // So is one turned into the body's own error.
            struct StoreError: Error {}
            attempts = 0
            try pool.transaction(readOnly: false) { db in
                attempts += 1
                let n = try Self.counter(db)
                if attempts == 1 { try other.exec("UPDATE counter SET n = n + 100 WHERE id = 1") }
                do { try db.exec("UPDATE counter SET n = $1 WHERE id = 1", [.int(Int64(n + 1))]) } catch { throw StoreError() }
            }
            #expect(try attempts == 2 && Self.counter(other) == 202)

            // Any other: thrown instead of a COMMIT that would quietly roll back.
            try pool.withConnection { try $0.execute("CREATE TABLE names (name text CONSTRAINT names_name_key UNIQUE)") }
            let error = try #require(throws: PGError.self) {
                try pool.transaction(readOnly: false) { db in
                    try db.exec("INSERT INTO names VALUES ('a')")
                    _ = try? db.exec("INSERT INTO names VALUES ('a')")
                }
            }
            #expect(error.code == .uniqueViolation && error.constraint == "names_name_key")
            #expect(try pool.transaction(readOnly: true) { try $0.exec("SELECT * FROM names").count } == 0)
        }
    }

    @Test func aDeadlockRunsTheLoserAgain() throws {
        try Self.withCounter { pool, _ in
            try pool.withConnection { try $0.execute("INSERT INTO counter VALUES (2, 0)") }
            let bothLocked = Rendezvous()
            let failures = Locked<[PGError.Code]>([])
            try onThreads(2) { side in
                var attempt = 0
                try pool.transaction(readOnly: false) { db in
                    attempt += 1
                    try db.execute("SET LOCAL deadlock_timeout = '50ms'")
                    do {
                        // Each locks its row, then wants the other's.
                        try db.exec("UPDATE counter SET n = n + 1 WHERE id = $1", [.int(Int64(1 + side))])
                        if attempt == 1 { bothLocked.meet(side) }
                        try db.exec("UPDATE counter SET n = n + 1 WHERE id = $1", [.int(Int64(2 - side))])
                    } catch let error as PGError {
                        failures.update { $0.append(error.code) }
                        throw error
                    }
                }
            }
            #expect(failures.value.contains(.deadlockDetected) || failures.value.contains(.serializationFailure))
            #expect(failures.value.allSatisfy { $0 == .deadlockDetected || $0 == .serializationFailure })
            let total: Int = try pool.transaction(readOnly: true) { try $0.exec("SELECT sum(n)::bigint AS n FROM counter")[0]["n"] }
            #expect(total == 4)
        }
    }

    @Test func aConnectionLostBeforeCommitRunsTheWriteAgain() throws {
        try Self.withCounter { pool, _ in
            var attempts = 0
            try pool.transaction(readOnly: false) { db in
                attempts += 1
                try db.exec("UPDATE counter SET n = n + 1 WHERE id = 1")
                if attempts == 1 { try db.exec("SELECT pg_terminate_backend(pg_backend_pid())") }
            }
            #expect(attempts == 2)
            #expect(try pool.transaction(readOnly: true) { try Self.counter($0) } == 1)
            #expect(pool.statistics.retries == 1 && pool.statistics.connectionsDropped == 1)
        }
    }

    @Test func aConnectionLostDuringCommitIsNotRunAgain() throws {
        try Self.withCounter { pool, uri in
            let other = try PGConnection(uri: uri)
            var attempts = 0
            let error = try #require(throws: PGError.self) {
                try pool.transaction(readOnly: false) { db in
                    attempts += 1
                    try db.exec("UPDATE counter SET n = n + 1 WHERE id = 1")
                    // Ended from outside once the body is done, so that it is the COMMIT that finds it gone.
                    let backend: Int = try db.exec("SELECT pg_backend_pid() AS pid")[0]["pid"]
                    try other.exec("SELECT pg_terminate_backend($1::int, 5000)", [.int(Int64(backend))])
                }
            }
            #expect(error.code == .transactionResolutionUnknown && error.isConnectionFailure)
            #expect(attempts == 1 && pool.statistics.retries == 0)
        }
    }

    @Test func aReadSeesOneSnapshotAndCannotWrite() throws {
        try Self.withCounter { pool, uri in
            let other = try PGConnection(uri: uri)
            let (before, after) = try pool.transaction(readOnly: true) { db in
                let before = try Self.counter(db)
                try other.exec("UPDATE counter SET n = 7 WHERE id = 1")
                return (before, try Self.counter(db))
            }
            #expect(before == 0 && after == 0)
            let error = try #require(throws: PGError.self) {
                try pool.transaction(readOnly: true) { try $0.exec("UPDATE counter SET n = 8") }
            }
            #expect(error.code == .readOnlySqlTransaction)
            #expect(try pool.transaction(readOnly: true) { try Self.counter($0) } == 7)
        }
    }

    @Test func theBodysOwnErrorRollsBackAndIsNotRetried() throws {
        struct Refused: Error {}
        try Self.withCounter { pool, _ in
            var attempts = 0
            #expect(throws: Refused.self) {
                try pool.transaction(readOnly: false) { db in
                    attempts += 1
                    try db.exec("UPDATE counter SET n = 5 WHERE id = 1")
                    throw Refused()
                }
            }
            let n = try pool.transaction(readOnly: true) { try Self.counter($0) }
            #expect(attempts == 1 && n == 0)
        }
    }
}
