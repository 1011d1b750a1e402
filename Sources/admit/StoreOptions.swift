import AdmitCore
import AdmitStore
import ArgumentParser
import Foundation

/// Options every command takes: where the database is, and whether to answer in JSON.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The database file.", discussion: "Default: $ADMIT_DB, else $XDG_DATA_HOME/admit/admit.sqlite (~/.local/share/admit/admit.sqlite). The data key is the .key file beside it, unless ADMIT_DATA_KEY is set.", valueName: "path"))
    var db: String?

    @Flag(help: "Print JSON: an object for one thing, an array for a list.")
    var json = false

    var databaseURL: URL {
        let environment = ProcessInfo.processInfo.environment
        if let db { return URL(fileURLWithPath: db) }
        if let path = environment["ADMIT_DB"], !path.isEmpty { return URL(fileURLWithPath: path) }
        // $HOME first, as the XDG convention has it; Foundation's home directory comes from the password database.
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) } ?? FileManager.default.homeDirectoryForCurrentUser
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? home.appendingPathComponent(".local/share")
        return data.appendingPathComponent("admit/admit.sqlite")
    }

    func admissions() throws -> Admissions {
        let url = databaseURL
        let keyFile = url.deletingPathExtension().appendingPathExtension("key")
        let environment = ProcessInfo.processInfo.environment
        return Admissions(store: try SQLiteStore.open(at: url),
                          dataKey: .resolve(environment: environment, keyFile: keyFile),
                          actor: environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.userName)
    }

    private static var userName: String {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "uid \(getuid())" }
        return String(cString: name)
    }
}
