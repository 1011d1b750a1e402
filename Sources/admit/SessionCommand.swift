import AdmitCore
import ArgumentParser
import Foundation

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session", abstract: "Create, list, show and update test sessions.",
        subcommands: [Create.self, List.self, Show.self, Update.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a test session and print its id.")
        @Option(help: "The institution ID the session belongs to.") var institution: String
        @Option(help: "The session's name, e.g. \"June Maths Paper 1\" (unique within the institution).") var name: String
        @Option(help: "When it starts: 2026-12-01 or 2026-12-01T09:00.") var starts: String?
        @Option(help: "When it ends: 2026-12-01 (the whole day) or 2026-12-01T12:00. Unused logins expire then.") var ends: String?
        @Option(
            help: ArgumentHelp(
                "How personal usernames are made at first login: tokens {given}, {family}, {g} (first initial), {candidate}.", valueName: "template"))
        var usernameTemplate = "{given}.{family}"
        @Option(
            help: ArgumentHelp(
                "Details candidates must give at first login besides their names: birth-date, email, candidate (comma-separated).",
                valueName: "details"))
        var require: String?
        @Option(help: ArgumentHelp("Where candidates sign in, printed on slips, e.g. https://exams.example.org/.", valueName: "url"))
        var signInUrl: String?
        @OptionGroup var options: StoreOptions

        func run() throws {
            let session = try options.admissions().createSession(
                institution: institution, name: name,
                startsAt: try starts.map { try SessionDate.parse($0, as: .start) },
                endsAt: try ends.map { try SessionDate.parse($0, as: .end) },
                usernameTemplate: try UsernameTemplate(usernameTemplate),
                requiredDetails: try require.map(DetailField.set(from:)) ?? [],
                signInURL: signInUrl)
            if options.json { return try Console.json(session) }
            Console.line(session.id.lowercased)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List sessions, newest first.")
        @Option(help: "Only sessions whose name contains this text (any case).") var search: String?
        @OptionGroup var options: StoreOptions

        func run() throws {
            let sessions = try options.admissions().sessions(search: search)
            if options.json { return try Console.json(sessions) }
            Console.table(
                ["ID", "INSTITUTION", "NAME", "STARTS", "ENDS"],
                sessions.map {
                    [$0.id.lowercased, $0.institutionCode, $0.name, Console.date($0.startsAt), Console.date($0.endsAt)]
                })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a session and how many entries it has in each state.")
        @Argument(help: "The session's id, or its exact name.") var session: String
        @OptionGroup var options: StoreOptions

        func run() throws {
            let admissions = try options.admissions()
            let report = try admissions.report(session: try admissions.session(session))
            if options.json { return try Console.json(SessionSummary(report)) }
            let session = report.session
            Console.line("Session      \(session.name)")
            Console.line("ID           \(session.id.lowercased)")
            Console.line("Institution  \(session.institutionCode)")
            Console.line("Starts       \(Console.date(session.startsAt))")
            Console.line("Ends         \(Console.date(session.endsAt))")
            Console.line("Usernames    \(session.usernameTemplate)")
            Console.line("Sign in at   \(session.signInURL ?? "-")")
            Console.line(
                "Requires     \(session.requiredDetails.isEmpty ? "names only" : "names, " + session.requiredDetails.map(\.rawValue).sorted().joined(separator: ", "))"
            )
            Console.line("Entries      \(report.entries.count)" + EntryState.allCases.map { ", \(report.counts[$0] ?? 0) \($0.rawValue)" }.joined())
        }
    }
}

/// A session with its entry counts, for `session show --json`.
struct SessionSummary: Encodable {
    var session: TestSession
    var counts: [String: Int]
    var entries: Int

    init(_ report: LoginReport) {
        session = report.session
        counts = Dictionary(uniqueKeysWithValues: EntryState.allCases.map { ($0.rawValue, report.counts[$0] ?? 0) })
        entries = report.entries.count
    }

    func encode(to encoder: any Encoder) throws {
        try session.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(counts, forKey: .counts)
        try container.encode(entries, forKey: .entries)
    }

    enum Keys: String, CodingKey { case counts, entries }
}
