import AdmitPostgres
import AdmitPostgresTestTools
import Foundation
import Testing

/// A connection prepares each statement once and runs it by name afterwards; what the server holds, and what
/// happens when it cannot use a prepared plan.
@Suite(.postgres)
struct PGPreparedStatementTests {
    static let select = "SELECT v FROM t WHERE n = $1"

    /// The statements the server holds for this connection with this text.
    static func prepared(_ sql: String, on db: PGConnection) throws -> Int64 {
        try db.exec("SELECT count(*) AS c FROM pg_prepared_statements WHERE statement = $1", [.text(sql)])[0]["c"]
    }

    @Test func aStatementRunManyTimesIsPreparedOnce() throws {
        try TestPostgres.withDatabase { uri in
            let db = try PGConnection(uri: uri)
            try db.execute("CREATE TABLE t (n int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 10), (2, 20)")
            #expect(try db.exec(Self.select, [1])[0]["v"] as Int == 10)
            #expect(try db.exec(Self.select, [2])[0]["v"] as Int == 20)
            #expect(try db.exec(Self.select, [3]).count == 0)
            #expect(try Self.prepared(Self.select, on: db) == 1)
            // Another connection has statements of its own.
            let other = try PGConnection(uri: uri)
            #expect(try Self.prepared(Self.select, on: other) == 0)
        }
    }

    @Test func aStatementThatCannotBePreparedIsAnErrorAndLeavesTheConnectionWorking() throws {
        try TestPostgres.withDatabase { uri in
            let db = try PGConnection(uri: uri)
            let error = #expect(throws: PGError.self) { try db.exec("SELEC 1 WHERE $1", [true]) }
            #expect(error?.code == .syntaxError)
            #expect(try db.exec("SELECT $1::int8 AS one", [1])[0]["one"] as Int64 == 1)
        }
    }

    /// A newer Admit changed a column under a running server's prepared plan: that statement fails once
    /// ("cached plan must not change result type") and is prepared again at its next run.
    @Test func aTableThatChangedShapeFailsItsPreparedStatementOnceThenWorks() throws {
        try TestPostgres.withDatabase { uri in
            let db = try PGConnection(uri: uri)
            try db.execute("CREATE TABLE t (n int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 10)")
            #expect(try db.exec(Self.select, [1])[0]["v"] as Int == 10)
            try PGConnection(uri: uri).execute("ALTER TABLE t ALTER COLUMN v TYPE text")
            let error = #expect(throws: PGError.self) { try db.exec(Self.select, [1]) }
            #expect(error?.code == .featureNotSupported)
            #expect(try db.exec(Self.select, [1])[0]["v"] as String == "10")
        }
    }

    @Test func aConnectionResetPreparesItsStatementsAgain() throws {
        try TestPostgres.withDatabase { uri in
            let db = try PGConnection(uri: uri)
            try db.execute("CREATE TABLE t (n int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 10)")
            #expect(try db.exec(Self.select, [1])[0]["v"] as Int == 10)
            try db.reset()
            #expect(try Self.prepared(Self.select, on: db) == 0)
            #expect(try db.exec(Self.select, [1])[0]["v"] as Int == 10)
        }
    }
}
