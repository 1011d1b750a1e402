import ArgumentParser

struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Move an installation from its SQLite file to PostgreSQL.",
        subcommands: [DbCopy.self])
}
