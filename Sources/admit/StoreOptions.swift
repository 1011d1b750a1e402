import AdmitCore
import AdmitPostgres
import AdmitSQLite
import ArgumentParser
import Foundation

/// Options every command takes: where the database is, its data key, and whether to answer in JSON.
struct StoreOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The database: a SQLite file, or a PostgreSQL connection URI (postgresql://…) that several servers share.",
            discussion: "Default: $ADMIT_DB, else $XDG_DATA_HOME/admit/admit.sqlite (~/.local/share/admit/admit.sqlite).",
            valueName: "path-or-uri"))
    var db: String?

    @Option(
        help: ArgumentHelp(
            "The data key file (default: $ADMIT_KEY_FILE; with SQLite, the .key file beside the database). ADMIT_DATA_KEY, when set, is the key itself.",
            valueName: "path"))
    var keyFile: String?

    @Flag(help: "Print JSON: an object for one thing, an array for a list.")
    var json = false

    var location: DatabaseLocation {
        let environment = ProcessInfo.processInfo.environment
        if let db { return DatabaseLocation(db) }
        if let value = environment["ADMIT_DB"], !value.isEmpty { return DatabaseLocation(value) }
        // $HOME first, as the XDG convention has it; Foundation's home directory comes from the password database.
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        let data =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? home.appendingPathComponent(".local/share")
        return .sqlite(data.appendingPathComponent("admit/admit.sqlite"))
    }

    /// Core over the chosen store. `connections` sizes a PostgreSQL pool (the server's thread pools); a command needs few.
    /// Only `creating` (`admit init`, `institution add`) makes a new SQLite file: a mistyped `--db` is refused.
    func admissions(connections: Int = 2, creating: Bool = false) throws -> Admissions {
        let environment = ProcessInfo.processInfo.environment
        let actor = environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.userName
        let keyFile = (keyFile ?? environment["ADMIT_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 }).map { URL(fileURLWithPath: $0) }
        let givenKey = environment["ADMIT_DATA_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        switch location {
        case .sqlite(let url):
            if !creating { try Self.refuseMissing(url) }
            let source: DataKeySource =
                givenKey.map { .environment($0) } ?? .file(keyFile ?? url.deletingPathExtension().appendingPathExtension("key"))
            return Admissions(store: try SQLiteStore.open(at: url), dataKey: source, actor: actor)
        case .postgres(let uri):
            // Two servers must not each make a key of their own: with a shared database the key comes from outside.
            let source: DataKeySource
            if let givenKey {
                source = .environment(givenKey)
            } else if let keyFile {
                source = .existingFile(keyFile)
            } else {
                throw CommandError(
                    "a PostgreSQL database needs its data key: set ADMIT_DATA_KEY, or give --key-file (or ADMIT_KEY_FILE); `admit key generate --out FILE` makes one for a new database"
                )
            }
            return Admissions(store: try PostgresStore.open(uri: uri, connections: connections), dataKey: source, actor: actor)
        }
    }

    static func refuseMissing(_ url: URL) throws {
        guard !FileManager.default.fileExists(atPath: url.path) else { return }
        throw CommandError("there is no database at \(url.path); check --db (or ADMIT_DB), or make a new one with `admit init`")
    }

    private static var userName: String {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "uid \(getuid())" }
        return String(cString: name)
    }
}

/// Where the records are: a SQLite file for one machine, or a PostgreSQL database several servers share.
enum DatabaseLocation: Equatable {
    case sqlite(URL)
    case postgres(String)

    /// A libpq connection URI (`postgresql://` or `postgres://`) is PostgreSQL; anything else is a file path.
    init(_ text: String) {
        let lowered = text.lowercased()
        if lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://") {
            self = .postgres(text)
        } else {
            self = .sqlite(URL(fileURLWithPath: text))
        }
    }
}
