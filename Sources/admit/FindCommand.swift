import AdmitCore
import ArgumentParser

struct FindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find", abstract: "Find candidates across sessions by username, candidate number, name or e-mail.",
        discussion:
            "Every word must match: a personal or generic username, a candidate number, a given or family name (accents and case ignored: nunez finds Núñez) or an e-mail address. Never shows a password."
    )

    @Argument(help: "What to look for, e.g. nunez, \"maria garcia\", K7QM-4XPA or 10442.") var text: String
    @Option(help: ArgumentHelp("Only sessions of this institution.", valueName: "code")) var institution: String?
    @OptionGroup var options: StoreOptions

    func run() throws {
        let found = try options.admissions().find(text, institution: institution)
        if options.json { return try Console.json(found) }
        guard !found.isEmpty else { return Console.line("No candidate matches \"\(text)\".") }
        Console.table(
            ["SESSION", "#", "USERNAME", "STATE", "LOCKED UNTIL", "CANDIDATE", "GUID"],
            found.map {
                [
                    $0.sessionName, String($0.entry.number), $0.entry.personalUsername ?? $0.entry.username, $0.entry.state.rawValue,
                    $0.entry.lockedUntil.map { Console.date($0) } ?? "-", $0.entry.candidate ?? "", $0.entry.guid.lowercased,
                ]
            })
    }
}
