import AdmitCore
import ArgumentParser

/// `admit init`: the one command (with the first `institution add`) that makes a new database; every other
/// command refuses a SQLite file that is not there, so a mistyped `--db` cannot start an empty one.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a new database (a SQLite file with its data key beside it) or bring an existing one up to date.")
    @OptionGroup var options: StoreOptions

    func run() throws {
        let admissions = try options.admissions(creating: true)
        try admissions.prepareDataKey()
        let name: String =
            switch options.location {
            case .sqlite(let url): url.path
            case .postgres: "PostgreSQL"
            }
        if options.json { return try Console.json(["database": name]) }
        Console.line("The database \(name) is ready.")
    }
}
