import AdmitPostgres
import AdmitPostgresTestTools
import Foundation
import Testing

struct PGPoolTests {
    @Test(.postgres) func aPoolHandsOutAtMostItsSize() throws {
        try TestPostgres.withDatabase { uri in
            let pool = PGPool(uri: uri, size: 3)
            let inUse = Locked((now: 0, most: 0))
            let backends = Locked<Set<Int>>([])
            try onThreads(12) { _ in
                try pool.withConnection { db in
                    inUse.update {
                        $0.now += 1
                        $0.most = max($0.most, $0.now)
                    }
                    let backend: Int = try db.exec("SELECT pg_backend_pid() AS pid")[0]["pid"]
                    backends.update { _ = $0.insert(backend) }
                    Thread.sleep(forTimeInterval: 0.05)
                    inUse.update { $0.now -= 1 }
                }
            }
            #expect(inUse.value.most == 3)
            #expect(backends.value.count == 3)
            let statistics = pool.statistics
            #expect(statistics.connectionsOpen == 3 && statistics.connectionsInUse == 0)
            #expect(statistics.waits >= 9)
        }
    }

    @Test(.postgres) func aBrokenConnectionIsReplaced() throws {
        try TestPostgres.withDatabase { uri in
            let pool = PGPool(uri: uri, size: 1)
            let first: Int = try pool.withConnection { try $0.exec("SELECT pg_backend_pid() AS pid")[0]["pid"] }
            let error = try #require(throws: PGError.self) {
                try pool.withConnection { try $0.exec("SELECT pg_terminate_backend(pg_backend_pid())") }
            }
            #expect(error.isConnectionFailure)
            #expect(pool.statistics.connectionsOpen == 0 && pool.statistics.connectionsDropped == 1)
            let second: Int = try pool.withConnection { try $0.exec("SELECT pg_backend_pid() AS pid")[0]["pid"] }
            #expect(second != first)
            #expect(pool.statistics.connectionsOpen == 1)
        }
    }

    @Test(.postgres) func aConnectionLeftInATransactionComesBackRolledBack() throws {
        struct Interrupted: Error {}
        try TestPostgres.withDatabase { uri in
            let pool = PGPool(uri: uri, size: 1)
            try pool.withConnection { try $0.execute("CREATE TABLE t (n int)") }
            #expect(throws: Interrupted.self) {
                try pool.withConnection { db in
                    try db.execute("BEGIN")
                    try db.exec("INSERT INTO t VALUES (1)")
                    throw Interrupted()
                }
            }
            let rows: Int = try pool.withConnection { db in
                // Outside a transaction block, as it should be, SAVEPOINT is refused.
                let error = #expect(throws: PGError.self) { try db.execute("SAVEPOINT inside") }
                #expect(error?.code == .noActiveSqlTransaction)
                return try db.exec("SELECT count(*) AS n FROM t")[0]["n"]
            }
            #expect(rows == 0)
            #expect(pool.statistics.connectionsDropped == 0)
        }
    }

    @Test func aServerThatIsNotThereIsAnErrorNotAWait() throws {
        let pool = PGPool(uri: "postgresql://postgres@/postgres?host=/nonexistent-admit-folder", size: 1)
        for _ in 0..<2 {
            let error = try #require(throws: PGError.self) { try pool.transaction(readOnly: false) { _ in } }
            #expect(error.code == .sqlclientUnableToEstablishSqlconnection)
        }
        #expect(pool.statistics == PGPool.Statistics())
    }
}
