import AdmitCore
import ArgumentParser

struct InstitutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "institution", abstract: "Add and list institutions (exam centres).",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an institution; its ID is printed on every slip.", discussion: "The first one makes the database if there is none.")
        @Argument(help: "The institution ID: 2 to 16 letters and digits, e.g. GB042.") var code: String
        @Option(help: "The institution's name.") var name: String
        @OptionGroup var options: StoreOptions

        func run() throws {
            let institution = try options.admissions(creating: true).addInstitution(code: code, name: name)
            if options.json { return try Console.json(institution) }
            Console.line("Added institution \(institution.code) (\(institution.name)).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the institutions.")
        @OptionGroup var options: StoreOptions

        func run() throws {
            let institutions = try options.admissions().institutions()
            if options.json { return try Console.json(institutions) }
            Console.table(["ID", "NAME"], institutions.map { [$0.code, $0.name] })
        }
    }
}
