import AdmitCore
import ArgumentParser
import Foundation

extension SessionCommand {
    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a session's name, times, username template, required details or sign-in address.",
            discussion:
                "Unused logins follow a new end: each works for 90 days from when its password was made, or until the session now ends, whichever is first. A name another session of the institution has is refused."
        )
        @Argument(help: "The session's id, or its exact name.") var session: String
        @Option(help: "A new name (unique within the institution).") var name: String?
        @Option(help: "When it starts: 2026-12-01 or 2026-12-01T09:00.") var starts: String?
        @Option(help: "When it ends: 2026-12-01 (the whole day) or 2026-12-01T12:00. Unused logins expire then.") var ends: String?
        @Option(help: ArgumentHelp("Where candidates sign in, printed on slips.", valueName: "url")) var signInUrl: String?
        @Option(
            help: ArgumentHelp("How personal usernames are made at first login: tokens {given}, {family}, {g}, {candidate}.", valueName: "template"))
        var usernameTemplate: String?
        @Option(
            help: ArgumentHelp(
                "Details candidates must give besides their names: birth-date, email, candidate (comma-separated; \"\" for names only).",
                valueName: "details"))
        var require: String?
        @Flag(help: "End the session in the past although it has unused logins (they stop working at once).") var force = false
        @OptionGroup var options: StoreOptions

        func validate() throws {
            if [name, starts, ends, signInUrl, usernameTemplate, require].allSatisfy({ $0 == nil }) {
                throw ValidationError("Name something to change: --name, --starts, --ends, --sign-in-url, --username-template or --require.")
            }
        }

        func run() throws {
            let changes = SessionChanges(
                name: name, startsAt: try starts.map { try SessionDate.parse($0, as: .start) },
                endsAt: try ends.map { try SessionDate.parse($0, as: .end) },
                usernameTemplate: try usernameTemplate.map(UsernameTemplate.init), requiredDetails: try require.map(DetailField.set(from:)),
                signInURL: signInUrl, force: force)
            let admissions = try options.admissions()
            let outcome = try admissions.updateSession(try admissions.session(session), changes)
            if options.json { return try Console.json(outcome.session) }
            Console.line("Updated \"\(outcome.session.name)\" (\(outcome.session.id.lowercased)).")
            if ends != nil {
                Console.line(
                    "It ends \(Console.date(outcome.session.endsAt)); \(outcome.movedExpiries) unused \(outcome.movedExpiries == 1 ? "login follows" : "logins follow") the new end."
                )
            }
        }
    }
}
