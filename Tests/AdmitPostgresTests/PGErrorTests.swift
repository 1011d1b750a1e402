import AdmitPostgres
import AdmitPostgresTestTools
import Foundation
import Testing

struct PGErrorTests {
    @Test(.postgres) func aUniqueViolationNamesItsConstraintButNotTheValue() throws {
        try TestPostgres.withDatabase { uri in
            let db = try PGConnection(uri: uri)
            try db.execute("CREATE TABLE people (name text CONSTRAINT people_name_key UNIQUE)")
            try db.exec("INSERT INTO people VALUES ($1)", ["maria.garcia"])
            let error = try #require(throws: PGError.self) { try db.exec("INSERT INTO people VALUES ($1)", ["maria.garcia"]) }
            #expect(error.code == .uniqueViolation)
            #expect(error.sqlState == "23505")
            #expect(error.constraint == "people_name_key")
            #expect(error.message == "duplicate key value violates unique constraint \"people_name_key\"")
            #expect(error.detail?.contains("maria.garcia") == true)
            #expect(!error.description.contains("maria.garcia"))
            #expect(!error.isRetryable && !error.isConnectionFailure)
            // The connection goes on.
            #expect(!db.isBroken)
            #expect(try db.exec("SELECT count(*) AS n FROM people")[0]["n"] as Int == 1)
        }
    }

    @Test(.postgres) func otherViolationsCarryTheirStates() throws {
        try TestPostgres.withDatabase { uri in
            let db = try PGConnection(uri: uri)
            try db.execute(
                """
                CREATE TABLE sessions (id int PRIMARY KEY);
                CREATE TABLE entries (
                    session int CONSTRAINT entries_session_fkey REFERENCES sessions,
                    number int CONSTRAINT entries_number_check CHECK (number > 0));
                """)
            func failure(_ sql: String, _ parameters: [PGValue] = []) throws -> PGError {
                try #require(throws: PGError.self) { try db.exec(sql, parameters) }
            }
            let foreign = try failure("INSERT INTO entries VALUES ($1, 1)", [42])
            #expect(foreign.code == .foreignKeyViolation && foreign.constraint == "entries_session_fkey")
            try db.exec("INSERT INTO sessions VALUES (1)")
            let check = try failure("INSERT INTO entries VALUES (1, $1)", [0])
            #expect(check.code == .checkViolation && check.constraint == "entries_number_check")
            #expect(try failure("SELECT * FROM nowhere").code == .undefinedTable)
            #expect(try failure("SELEKT 1").code == .syntaxError)
            // A script stops at its first error, with that error.
            #expect(throws: PGError.self) { try db.execute("INSERT INTO sessions VALUES (2); SELECT * FROM nowhere;") }
        }
    }

    @Test func anUnreachableServerIsOneLine() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("admit-no-server-\(UUID())")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let error = try #require(throws: PGError.self) {
            try PGConnection(uri: "postgresql://postgres@/postgres?host=\(empty.path)")
        }
        #expect(error.isConnectionFailure && !error.isRetryable)
        #expect(error.code == .sqlclientUnableToEstablishSqlconnection)
        #expect(!error.message.contains("\n") && !error.message.contains("  "))
        #expect(error.message.contains(empty.path) && error.message.contains("No such file or directory"))
    }

    @Test(.postgres) func aMissingDatabaseIsOneLine() throws {
        let admin = try TestPostgres.requiredAdminURI()
        let error = try #require(throws: PGError.self) {
            try PGConnection(uri: TestPostgres.uri(admin, database: "admit_missing"))
        }
        #expect(error.isConnectionFailure)
        #expect(!error.message.contains("\n"))
        #expect(error.message.hasSuffix("database \"admit_missing\" does not exist"))
    }

    @Test(.postgres) func aWrongPasswordIsRefusedAndNeverRepeated() throws {
        let admin = try TestPostgres.requiredAdminURI()
        try TestPostgres.withPasswordRole(password: "right horse battery") { user in
            let error = try #require(throws: PGError.self) {
                try PGConnection(uri: TestPostgres.uri(admin, user: user, password: "wrong-staple-4711"))
            }
            #expect(error.message.hasSuffix("password authentication failed for user \"\(user)\""))
            #expect(!error.message.contains("wrong-staple") && !error.description.contains("wrong-staple"))
            #expect(!error.message.contains("\n"))
            // The role does sign in with its password: the refusal was the password's.
            let db = try PGConnection(uri: TestPostgres.uri(admin, user: user, password: "right horse battery"))
            #expect(try db.exec("SELECT current_user AS u")[0]["u"] as String == user)
        }
    }

    @Test(arguments: [
        // libpq quotes a URI it cannot parse, password and all.
        ("postgresql://admit:s3cret%2Fpass@[::1/admit", true),
        ("postgresql://admit:s3cret%2Fpass@localhost:notaport/admit", false),
        ("postgresql:///admit?password=s3cret/pass&nonsense=1", false),
        ("host=/nowhere password='s3cret/pass' port=x", false),
        ("postgresql://admit:s3cret@/admit?host=/nowhere", false),
    ])
    func aPasswordInAConnectionStringIsNeverRepeated(_ uri: String, quoted: Bool) throws {
        let error = try #require(throws: PGError.self) { try PGConnection(uri: uri) }
        #expect(!error.message.contains("s3cret") && !error.description.contains("s3cret"), "\(error.message)")
        #expect(error.message.contains("********") == quoted, "\(error.message)")
        #expect(!error.message.contains("\n"))
    }

    @Test(.postgres) func aLostConnectionIsBrokenUntilReset() throws {
        try TestPostgres.withDatabase { uri in
            let db = try PGConnection(uri: uri)
            let error = try #require(throws: PGError.self) { try db.exec("SELECT pg_terminate_backend(pg_backend_pid())") }
            #expect(error.isConnectionFailure)
            #expect(db.isBroken)
            try db.reset()
            #expect(!db.isBroken)
            #expect(try db.exec("SELECT 1 AS one")[0]["one"] as Int == 1)
        }
    }
}
