import AdmitCore
import AdmitPostgres
import AdmitSQLite
import ArgumentParser
import Foundation

struct DbCopy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy", abstract: "Copy a SQLite installation into an empty PostgreSQL database, in one transaction.",
        discussion: """
            Copies institutions, sessions, batches, entries with their sealed secrets, groups, import jobs, the audit trail, staff and \
            their API tokens. Secrets stay sealed under the same data key: give the servers the SQLite database's key file. Browser \
            sessions are not copied (people sign in again). A database that already holds records is refused.
            """)

    @Option(help: ArgumentHelp("The SQLite database to copy.", valueName: "path")) var from: String
    @Option(help: ArgumentHelp("The empty PostgreSQL database, as a libpq URI (postgresql://…).", valueName: "uri")) var to: String

    func run() throws {
        guard case .postgres(let uri) = DatabaseLocation(to) else {
            throw CommandError("--to takes a PostgreSQL URI (postgresql://… or postgres://…)")
        }
        let source = URL(fileURLWithPath: from)
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw CommandError("there is no database \(source.path) to copy")
        }
        let dump = try SQLiteStore.open(at: source).dump()
        let copied = try PostgresStore.open(uri: uri, connections: 1).load(dump)
        let counts = Self.labels.map { table, one, many in
            let count = copied[table] ?? 0
            return "\(count) \(count == 1 ? one : many)"
        }
        Console.line("Copied \(source.path) into the PostgreSQL database: \(counts.joined(separator: ", ")).")
        let keyFile = source.deletingPathExtension().appendingPathExtension("key")
        Console.line("Its secrets are sealed under its data key: give every server --key-file \(keyFile.path) (or the ADMIT_DATA_KEY it used).")
    }

    private static let labels = [
        ("institution", "institution", "institutions"), ("test_session", "session", "sessions"), ("batch", "batch", "batches"),
        ("entry", "entry", "entries"), ("entry_group", "group", "groups"), ("import_job", "import job", "import jobs"),
        ("import_row", "import row", "import rows"), ("audit_event", "audit record", "audit records"),
        ("staff", "staff member", "staff members"), ("api_token", "API token", "API tokens"),
    ]
}
