import AdmitTestTools
import Foundation
import Testing

@Suite struct FirstLoginCLITests {
    /// A session with `count` entries; returns their slips as the CSV gives them.
    func slips(_ cli: CLI, _ count: Int) throws -> [Credential] {
        try cli.setUp()
        try cli.expectSuccess(["entries", "add", "June Maths", "--count", String(count), "--csv", cli.file("slips.csv").path])
        return try readCSV(cli.file("slips.csv"))
    }

    @Test func aCandidatesFirstLoginFromTheSlipToThePersonalUsername() throws {
        let cli = try CLI()
        let slip = try slips(cli, 3)[1]

        let first = try cli.json(["login", "--institution", "GB042", "--username", slip.username, "--password", slip.password!], as: LoginJSON.self)
        #expect(first == LoginJSON(state: "registration_required", username: slip.username, session: "June Maths"))

        // Passwords on standard input, one per line, as a script or a pipe would give them.
        let registered = try cli.run(
            [
                "register", "--institution", "gb042", "--username", slip.username.lowercased(),
                "--given-name", "José", "--family-name", "Núñez-O'Brien", "--json",
            ],
            input: "\(slip.password!)\nTr0ub4dor&3horse\n")
        #expect(registered.status == 0, "\(registered.stderr)")
        #expect(
            try JSONDecoder().decode(LoginJSON.self, from: Data(registered.stdout.utf8))
                == LoginJSON(state: "registered", username: "jose.nunez-obrien", session: "June Maths"))

        let generic = try cli.run(["login", "--institution", "GB042", "--username", slip.username], input: slip.password! + "\n")
        #expect(generic.status == 1)
        #expect(generic.stderr == "admit: this login was already registered — sign in with your personal username\n")

        let personal = try cli.json(
            ["login", "--institution", "GB042", "--username", "jose.nunez-obrien", "--password", "Tr0ub4dor&3horse"], as: LoginJSON.self)
        #expect(personal.state == "signed_in" && personal.username == "jose.nunez-obrien")

        let wrong = try cli.run(["login", "--institution", "GB042", "--username", "jose.nunez-obrien", "--password", "nope"])
        #expect(wrong.status == 1 && wrong.stderr == "admit: invalid institution ID, username or password\n")

        let report = try cli.json(["report", "June Maths"], as: FullReportJSON.self)
        let row = try #require(report.entries.first { $0.number == slip.number })
        #expect(row.state == "converted" && row.personal_username == "jose.nunez-obrien")
        #expect(row.registered_at != nil && row.last_sign_in_at != nil && row.failed_attempts == 1)
        #expect(report.counts["converted"] == 1 && report.counts["issued"] == 2)

        // The slip's roster now shows the login as used, without its password.
        try cli.expectSuccess(["entries", "export", "June Maths", "--csv", cli.file("after.csv").path])
        #expect(try readCSV(cli.file("after.csv"))[1] == Credential(number: slip.number, username: slip.username, password: nil, state: "converted"))
    }

    @Test func fiftyRacingRegistrationsOfOneEntryLetExactlyOneWin() throws {
        let cli = try CLI()
        let slip = try slips(cli, 1)[0]
        let runs = try (1...50).map { n in
            try cli.start([
                "register", "--institution", "GB042", "--username", slip.username, "--password", slip.password!,
                "--given-name", "Candidate", "--family-name", "Number\(n)", "--new-password", "Racing-Horse-\(n)",
            ])
        }
        let results = runs.map { $0.finish() }
        #expect(results.filter { $0.status == 0 }.count == 1)
        let losers = results.filter { $0.status != 0 }
        #expect(losers.count == 49)
        #expect(
            losers.allSatisfy { $0.status == 1 && $0.stderr == "admit: this login was already registered — sign in with your personal username\n" },
            "\(Set(losers.map(\.stderr)))")
        let entries = try cli.json(["report", "June Maths"], as: FullReportJSON.self).entries
        #expect(entries.count == 1 && entries[0].state == "converted")
        #expect(entries[0].personal_username?.hasPrefix("candidate.number") == true)
    }

    @Test func refusedRegistrationsSayWhatToFixAndChangeNothing() throws {
        let cli = try CLI()
        let slip = try slips(cli, 1)[0]
        let base = ["register", "--institution", "GB042", "--username", slip.username, "--password", slip.password!, "--given-name", "Maria"]
        let cases: [([String], String)] = [
            (["--family-name", "Garcia", "--new-password", "password1"], "common"),
            (["--family-name", "Garcia", "--new-password", "short"], "8 to 128"),
            (["--family-name", "Garcia", "--email", "maria@", "--new-password", "Tr0ub4dor&3horse"], "e-mail"),
            (["--family-name", "Garcia", "--birth-date", "2010-02-30", "--new-password", "Tr0ub4dor&3horse"], "not a real date"),
            (["--family-name", "", "--new-password", "Tr0ub4dor&3horse"], "family name is missing"),
        ]
        for (extra, phrase) in cases {
            let result = try cli.run(base + extra)
            #expect(result.status == 1 && result.stderr.contains(phrase) && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
        let session = try cli.json(["entries", "list", "June Maths"], as: [EntryJSON].self)
        #expect(session.map(\.state) == ["issued"])
        let noPassword = try cli.run(["login", "--institution", "GB042", "--username", slip.username])
        #expect(noPassword.status == 1 && noPassword.stderr.contains("no password was given"))
    }
}

struct LoginJSON: Decodable, Equatable {
    var state: String
    var username: String
    var session: String
}

struct FullReportJSON: Decodable {
    // Spelled as the JSON spells them.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Row: Decodable {
        var number: Int
        var state: String
        var personal_username: String?
        var registered_at: String?
        var last_sign_in_at: String?
        var failed_attempts: Int
    }
    var counts: [String: Int]
    var entries: [Row]
}
