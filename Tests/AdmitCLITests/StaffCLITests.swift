import AdmitTestTools
import Foundation
import Testing

/// `admit staff add|list|disable|token`, as an administrator runs them.
@Suite struct StaffCLITests {
    static let password = "Staff-Horse-Battery-42"

    // Spelled as the JSON spells them.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct StaffJSON: Decodable, Equatable {
        var id: String
        var username: String
        var role: String
        var institution: String?
        var created_at: String
        var disabled_at: String?
    }

    struct TokenJSON: Decodable {
        var username: String
        var token: String
    }

    /// Adds a member with the password typed twice on standard input, as a script pipes it.
    @discardableResult
    func add(_ cli: CLI, _ username: String, role: String, institution: String? = nil, json: Bool = false) throws -> CLI.Result {
        try cli.run(
            ["staff", "add", username, "--role", role] + (institution.map { ["--institution", $0] } ?? []) + (json ? ["--json"] : []),
            input: "\(Self.password)\n\(Self.password)\n")
    }

    /// Whether `text` appears in the database's files.
    func databaseContains(_ cli: CLI, _ text: String) throws -> Bool {
        let needle = Data(text.utf8)
        return try ["admit.sqlite", "admit.sqlite-wal"].contains { name in
            let url = cli.file(name)
            guard FileManager.default.fileExists(atPath: url.path) else { return false }
            return try Data(contentsOf: url).range(of: needle) != nil
        }
    }

    @Test func addListDisableAndToken() throws {
        let cli = try CLI()
        try cli.setUp()

        let admin = try add(cli, "admin", role: "admin")
        #expect(admin.status == 0, "\(admin.stderr)")
        #expect(admin.stdout == "Added admin admin; they sign in at /staff.\n")
        let carol = try add(cli, "Carol", role: "Coordinator", institution: "gb042")
        #expect(carol.status == 0, "\(carol.stderr)")
        #expect(carol.stdout == "Added coordinator carol of GB042; they sign in at /staff.\n")
        // The password is neither echoed nor kept in clear.
        #expect(!carol.stdout.contains(Self.password) && !carol.stderr.contains(Self.password))
        #expect(try !databaseContains(cli, Self.password))

        let ivan = try add(cli, "ivan", role: "invigilator", institution: "GB042", json: true)
        #expect(ivan.status == 0, "\(ivan.stderr)")
        let member = try JSONDecoder().decode(StaffJSON.self, from: Data(ivan.stdout.utf8))
        #expect(member.username == "ivan" && member.role == "invigilator" && member.institution == "GB042" && member.disabled_at == nil)
        #expect(!ivan.stdout.contains("argon2") && !ivan.stdout.lowercased().contains("hash") && !ivan.stdout.contains(Self.password))

        let list = try cli.expectSuccess(["staff", "list"])
        #expect(list.lines.count == 4)
        #expect(list.lines[0].split(separator: " ", omittingEmptySubsequences: true) == ["USERNAME", "ROLE", "INSTITUTION", "STATE"])
        #expect(list.lines[1].split(separator: " ", omittingEmptySubsequences: true) == ["admin", "admin", "(all)", "active"])
        #expect(list.lines[2].split(separator: " ", omittingEmptySubsequences: true) == ["carol", "coordinator", "GB042", "active"])
        let listed = try cli.json(["staff", "list"], as: [StaffJSON].self)
        #expect(listed.map(\.username) == ["admin", "carol", "ivan"])
        #expect(listed.last == member)
        #expect(!(try cli.run(["staff", "list", "--json"]).stdout.contains("argon2")))

        let token = try cli.expectSuccess(["staff", "token", "carol"])
        let first = token.stdout.trimmingCharacters(in: .newlines)
        #expect(token.lines.count == 1 && first.hasPrefix("admit_") && first.count == 49)
        #expect(try !databaseContains(cli, first))
        let second = try cli.json(["staff", "token", "carol"], as: TokenJSON.self)
        #expect(second.username == "carol" && second.token.hasPrefix("admit_") && second.token != first)

        let disabled = try cli.expectSuccess(["staff", "disable", "ivan"])
        #expect(disabled.stdout == "Disabled ivan; their sessions and API token no longer work.\n")
        let after = try cli.expectSuccess(["staff", "list"])
        #expect(after.lines[3].split(separator: " ", omittingEmptySubsequences: true) == ["ivan", "invigilator", "GB042", "disabled"])
        #expect(try cli.json(["staff", "list"], as: [StaffJSON].self).last?.disabled_at != nil)

        // What was done is in the audit trail, under the person who ran the command, without secrets.
        let audit = try cli.expectSuccess(["audit", "--json"])
        #expect(audit.stdout.contains("staff.add") && audit.stdout.contains("staff.token") && audit.stdout.contains("staff.disable"))
        #expect(!audit.stdout.contains(Self.password) && !audit.stdout.contains(first) && !audit.stdout.contains(second.token))
    }

    @Test func refusalsAreOneSentenceAndChangeNothing() throws {
        let cli = try CLI()
        try cli.setUp()
        try add(cli, "carol", role: "coordinator", institution: "GB042")
        let cases: [([String], String, String)] = [
            (
                ["staff", "add", "nina", "--role", "owner", "--institution", "GB042"], Self.password,
                "\"owner\" is not a role; choose admin, coordinator or invigilator"
            ),
            (
                ["staff", "add", "nina", "--role", "coordinator"], Self.password,
                "a coordinator works for one institution; name it"
            ),
            (["staff", "add", "nina", "--role", "invigilator"], Self.password, "an invigilator works for one institution"),
            (["staff", "add", "root", "--role", "admin", "--institution", "GB042"], Self.password, "an admin works for every institution"),
            (["staff", "add", "nina", "--role", "coordinator", "--institution", "XX999"], Self.password, "no institution XX999"),
            (["staff", "add", "carol", "--role", "invigilator", "--institution", "GB042"], Self.password, "already a staff member named \"carol\""),
            (["staff", "add", "nina", "--role", "coordinator", "--institution", "GB042"], "password1", "common"),
            (["staff", "add", "nina", "--role", "coordinator", "--institution", "GB042"], "short", "8 to 128"),
            (["staff", "add", "nina smith", "--role", "coordinator", "--institution", "GB042"], Self.password, "a staff username is"),
            (["staff", "disable", "nobody"], "", "no staff member named \"nobody\""),
            (["staff", "token", "nobody"], "", "no staff member named \"nobody\""),
        ]
        for (arguments, password, phrase) in cases {
            let result = try cli.run(arguments, input: "\(password)\n\(password)\n")
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr.hasPrefix("admit: ") && result.stderr.contains(phrase), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
            if !password.isEmpty { #expect(!result.stderr.contains(password), "\(arguments)") }
        }
        #expect(try cli.json(["staff", "list"], as: [StaffJSON].self).map(\.username) == ["carol"])

        // No password at all on standard input.
        let none = try cli.run(["staff", "add", "nina", "--role", "coordinator", "--institution", "GB042"])
        #expect(none.status == 1 && none.stderr.hasPrefix("admit: no password for nina was given"), "\(none.stderr)")

        try cli.expectSuccess(["staff", "disable", "carol"])
        let token = try cli.run(["staff", "token", "carol"])
        #expect(token.status == 1 && token.stdout.isEmpty && token.stderr == "admit: the staff member \"carol\" is disabled\n")

        // A missing role is a usage error.
        let usage = try cli.run(["staff", "add", "nina"], input: "\(Self.password)\n")
        #expect(usage.status == 2)
    }
}
