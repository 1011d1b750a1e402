import AdmitCore
import ArgumentParser
import Foundation

struct EntriesReset: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Give entries new temporary passwords and write the sheet to hand out.",
        discussion: """
            Each password is made like a generic one and works for 90 days or until the session ends. A login not yet \
            registered keeps its username; a registered one keeps its personal username, its own password stops working \
            at once, and its next sign-in only asks for a new password. Withdrawn entries are refused. The sheet is \
            written after the reset; `admit entries reprint` writes it again.
            """)

    @OptionGroup var named: SessionEntries
    @OptionGroup var files: CredentialFileOptions
    @OptionGroup var options: StoreOptions

    func run() throws {
        let plan = try files.plan()
        let admissions = try options.admissions()
        let (session, ids) = try named.resolve(with: admissions)
        let outcome = try admissions.reset(
            session: session, entries: ids,
            files: plan.requests)
        plan.announce()
        for notice in outcome.notices { Console.error("admit: note: \(notice).") }
        if options.json {
            return try Console.json(ResetReport(entries: outcome.entries.map { .init($0) }, files: outcome.files.map(\.path)))
        }
        let names = outcome.entries.map { "#\($0.number) (\($0.loginUsername))" }.joined(separator: ", ")
        let each = outcome.entries.count == 1 ? "a new temporary password" : "a new temporary password each"
        Console.line("Reset \(names): \(each), valid until \(Console.date(outcome.entries.first?.expiresAt)).")
        if outcome.files.isEmpty {
            Console.line(
                "Print their sheet with: admit entries reprint \"\(session.name)\" \(outcome.entries.map { "#\($0.number)" }.joined(separator: " ")) --xlsx FILE"
            )
        }
        for file in outcome.files {
            Console.line("Wrote \(counted(outcome.entries.count, "entry", "entries")) to \(file.path)")
        }
    }
}

/// What `entries reset --json` prints: never a password.
struct ResetReport: Encodable {
    struct Row: Encodable {
        var guid: String
        var number: Int
        var username: String
        var expiresAt: Date

        enum CodingKeys: String, CodingKey {
            case guid, number, username
            case expiresAt = "expires_at"
        }

        init(_ entry: Entry) {
            guid = entry.id.lowercased
            number = entry.number
            username = entry.loginUsername
            expiresAt = entry.expiresAt
        }
    }

    var entries: [Row]
    var files: [String]
}
