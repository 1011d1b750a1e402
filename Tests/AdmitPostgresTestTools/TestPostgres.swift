import AdmitPostgres
import Foundation

/// PostgreSQL for the tests: the throwaway cluster `Tests/with-postgres.sh` starts (its admin URI in
/// `ADMIT_TEST_POSTGRES`), and a database of its own for each test.
///
///     @Test(.postgres) func something() throws {
///         try TestPostgres.withDatabase { uri in
///             let pool = PGPool(uri: uri, size: 4)
///             …
///         }
///     }
public enum TestPostgres {
    /// The cluster's admin URI (`postgresql://postgres@/postgres?host=FOLDER`), nil when the tests run without one.
    public static var adminURI: String? {
        ProcessInfo.processInfo.environment["ADMIT_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the tests that need PostgreSQL run (the `.postgres` trait): when there is a cluster, and on CI
    /// always, where a missing one fails them (in `withDatabase`, `requiredAdminURI`) rather than skipping them.
    public static var isEnabled: Bool {
        adminURI != nil || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
    }

    public static let skipNote = "needs PostgreSQL: ADMIT_TEST_POSTGRES is set by Tests/with-postgres.sh (make test)"

    /// Runs `body` with the URI of a new, empty database, dropped afterwards (with any connection still open).
    public static func withDatabase<T>(_ body: (_ uri: String) throws -> T) throws -> T {
        let database = try createDatabase()
        defer { try? dropDatabase(database.name) }
        return try body(database.uri)
    }

    /// A new database `admit_<16 hex digits>` and its URI; `withDatabase` drops it, or call `dropDatabase`.
    public static func createDatabase() throws -> (name: String, uri: String) {
        let admin = try requiredAdminURI()
        let name = "admit_" + randomHex(8)
        try PGConnection(uri: admin).execute("CREATE DATABASE \(quoted(name))")
        return (name, uri(admin, database: name))
    }

    public static func dropDatabase(_ name: String) throws {
        try PGConnection(uri: requiredAdminURI()).execute("DROP DATABASE IF EXISTS \(quoted(name)) WITH (FORCE)")
    }

    /// Runs `body` with the name of a new login role whose password is `password` and is checked (with-postgres.sh
    /// makes the members of `admit_password_auth` sign in with SCRAM; every other role is trusted), dropped
    /// afterwards. For the tests of a wrong password.
    public static func withPasswordRole<T>(password: String, _ body: (_ user: String) throws -> T) throws -> T {
        let admin = try PGConnection(uri: requiredAdminURI())
        let user = "admit_user_" + randomHex(6)
        do {
            let literal = "'" + password.replacingOccurrences(of: "'", with: "''") + "'"
            try admin.execute("CREATE ROLE \(user) LOGIN PASSWORD \(literal) IN ROLE admit_password_auth")
        } catch let error as PGError where error.code == "42704" {
            throw TestPostgresError("the cluster has no role admit_password_auth: run the tests under Tests/with-postgres.sh")
        }
        defer { try? admin.execute("DROP ROLE IF EXISTS \(user)") }
        return try body(user)
    }

    /// `uri` with another database, user or password: `scheme://[user[:password]@]hosts[/database][?parameters]`.
    public static func uri(_ uri: String, database: String? = nil, user: String? = nil, password: String? = nil) -> String {
        guard let schemeEnd = uri.range(of: "://") else { preconditionFailure("not a PostgreSQL URI: \(uri)") }
        let scheme = uri[..<schemeEnd.upperBound]
        let rest = uri[schemeEnd.upperBound...]
        let query = rest.firstIndex(of: "?").map { rest[$0...] } ?? ""
        let main = rest[..<(rest.firstIndex(of: "?") ?? rest.endIndex)]
        let authority = main[..<(main.firstIndex(of: "/") ?? main.endIndex)]
        let path = main[authority.endIndex...]
        var userInformation = authority.lastIndex(of: "@").map { String(authority[..<$0]) }
        let hosts = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        if user != nil || password != nil {
            let oldUser = userInformation.map { String($0.prefix { $0 != ":" }) } ?? ""
            let newUser = user.map { $0.addingPercentEncoding(withAllowedCharacters: unreserved)! } ?? oldUser
            userInformation =
                newUser
                + (password.map { ":" + $0.addingPercentEncoding(withAllowedCharacters: unreserved)! } ?? "")
        }
        let newPath = database.map { "/" + $0.addingPercentEncoding(withAllowedCharacters: unreserved)! } ?? String(path)
        return scheme + (userInformation.map { $0 + "@" } ?? "") + hosts + newPath + query
    }

    /// RFC 3986's unreserved characters, the only ones left as they are in a user, password or database name.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The admin URI, or an error saying why there is none.
    public static func requiredAdminURI() throws -> String {
        guard let adminURI else {
            throw TestPostgresError(
                "ADMIT_TEST_POSTGRES is not set: run the tests under Tests/with-postgres.sh, as make test does")
        }
        return adminURI
    }

    private static func randomHex(_ bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    private static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

public struct TestPostgresError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
