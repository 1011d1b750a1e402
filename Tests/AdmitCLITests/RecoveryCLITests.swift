import AdmitTestTools
import Foundation
import Testing

/// Exam-day recovery through the built binary: unlock, reset, reprint, a moved end, a search, mended staff accounts.
@Suite struct RecoveryCLITests {
    static let chosen = "Tr0ub4dor&3horse"

    /// A session with `count` entries, the second registered as José Núñez (`jose.nunez`); returns the slips.
    @discardableResult
    func sessionWithARegisteredCandidate(_ cli: CLI, count: Int = 3) throws -> [Credential] {
        try cli.setUp()
        try cli.expectSuccess(["entries", "add", "June Maths", "--count", String(count), "--csv", cli.file("slips.csv").path])
        let slips = try readCSV(cli.file("slips.csv"))
        let registered = try cli.run([
            "register", "--institution", "GB042", "--username", slips[1].username, "--given-name", "José",
            "--family-name", "Núñez", "--password", slips[1].password!, "--new-password", Self.chosen,
        ])
        #expect(registered.status == 0 && registered.stdout.contains("jose.nunez"), "\(registered.stderr)")
        return slips
    }

    func login(_ cli: CLI, _ username: String, _ password: String) throws -> CLI.Result {
        try cli.run(["login", "--institution", "GB042", "--username", username, "--json"], input: password + "\n")
    }

    /// A refusal: one sentence on stderr, status 1, no file made or changed, nothing on stdout.
    func expectRefusal(
        _ cli: CLI, _ arguments: [String], saying phrase: String, input: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try cli.folderListing()
        let result = try cli.run(arguments, input: input)
        #expect(result.status == 1 && result.stdout.isEmpty, "\(arguments): \(result.status) \(result.stdout)", sourceLocation: sourceLocation)
        #expect(
            result.stderr.hasPrefix("admit: ") && result.stderr.contains(phrase) && result.stderr.split(separator: "\n").count == 1,
            "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(try cli.folderListing() == before, "nothing written", sourceLocation: sourceLocation)
    }

    // Spelled as the JSON spells them.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct LockedReportJSON: Decodable {
        struct Row: Decodable {
            var number: Int
            var failed_attempts: Int
            var locked_until: String?
        }
        var filter: String?
        var entries: [Row]
    }

    @Test func aLockedCandidateIsShownUnlockedAndSignsInAtOnce() throws {
        let cli = try CLI()
        try sessionWithARegisteredCandidate(cli)
        for _ in 1...5 { #expect(try login(cli, "jose.nunez", "not-my-password").status == 1) }
        #expect(try login(cli, "jose.nunez", Self.chosen).status == 1)

        let locked = try cli.json(["report", "June Maths", "--locked"], as: LockedReportJSON.self)
        #expect(locked.filter == "locked" && locked.entries.map(\.number) == [2] && locked.entries[0].locked_until != nil)
        let table = try cli.expectSuccess([
            "report", "June Maths", "--locked", "--csv", cli.file("locked.csv").path, "--xlsx", cli.file("locked.xlsx").path,
        ])
        #expect(table.lines[0].contains("locked entries: 1 entry,") && table.lines[1].contains("LOCKED UNTIL") && table.lines.count == 4)
        let csv = try String(contentsOf: cli.file("locked.csv"), encoding: .utf8).components(separatedBy: "\r\n")
        #expect(csv.count == 3 && csv[0].contains("Failures,Locked until,Expires") && csv[1].hasPrefix("2,"))
        #expect(try posixMode(cli.file("locked.csv")) == 0o600)
        let heading = try python3(
            """
            import sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1])["Login report"]
            print([c.value for c in ws[8]][8:10], ws.cell(9, 10).value is not None)
            """, [cli.file("locked.xlsx").path])
        #expect(String(decoding: heading, as: UTF8.self) == "['Failures', 'Locked until'] True\n")
        let list = try cli.expectSuccess(["entries", "list", "June Maths"])
        #expect(list.lines[0].contains("LOCKED UNTIL") && list.lines[2].contains("jose.nunez") && !list.lines[2].contains(" - "))

        let unlocked = try cli.expectSuccess(["entries", "unlock", "June Maths", "jose.nunez", "#1"])
        #expect(unlocked.stdout == "Unlocked #2 (jose.nunez); the right password works again now.\nNot locked: #1.\n")
        let signedIn = try login(cli, "jose.nunez", Self.chosen)
        #expect(signedIn.status == 0 && signedIn.stdout.contains("signed_in"), "\(signedIn.stderr)")
        #expect(try cli.json(["report", "June Maths", "--locked"], as: LockedReportJSON.self).entries.isEmpty)
        #expect(try cli.expectSuccess(["audit", "June Maths"]).stdout.contains("entries.unlock"))
    }

    @Test func aResetHandsOutANewPasswordAndTheOldOneStopsWorking() throws {
        let cli = try CLI()
        let slips = try sessionWithARegisteredCandidate(cli)
        let reset = try cli.expectSuccess(["entries", "reset", "June Maths", "Jose.Nunez", "--csv", cli.file("reset.csv").path])
        #expect(reset.stdout.hasPrefix("Reset #2 (jose.nunez): a new temporary password, valid until "))
        let sheet = try readCSV(cli.file("reset.csv"))
        #expect(sheet.count == 1 && sheet[0].username == "jose.nunez" && sheet[0].state == "issued")
        let temporary = try #require(sheet[0].password)
        #expect(try posixMode(cli.file("reset.csv")) == 0o600)

        let old = try login(cli, "jose.nunez", Self.chosen)
        #expect(old.status == 1 && old.stderr == "admit: invalid institution ID, username or password\n")
        #expect(
            try cli.json(["login", "--institution", "GB042", "--username", "jose.nunez", "--password", temporary], as: LoginJSON.self)
                == LoginJSON(state: "password_change_required", username: "jose.nunez", session: "June Maths"))
        let chosen = try cli.run(
            ["register", "--institution", "GB042", "--username", "jose.nunez"], input: "\(temporary)\nAmber-Lantern-73\nAmber-Lantern-73\n")
        #expect(
            chosen.status == 0 && chosen.stdout.contains("    jose.nunez\n") && chosen.stdout.contains("the temporary password no longer works"),
            "\(chosen.stderr)")
        #expect(try login(cli, "jose.nunez", "Amber-Lantern-73").stdout.contains("signed_in"))
        // The slip's login stays used up (its password now verifies nothing: the last first login was the reset's).
        #expect(try login(cli, slips[1].username, slips[1].password!).stderr == "admit: invalid institution ID, username or password\n")

        // An unused login by its number and by its username as typed from the slip; slips as a workbook.
        let typed = (slips[2].username.prefix(4) + "-" + slips[2].username.dropFirst(4)).lowercased()
        try cli.expectSuccess(["entries", "reset", "June Maths", "1", typed, "--xlsx", cli.file("slips.xlsx").path, "--layout", "slips"])
        let again = try cli.expectSuccess(["entries", "reprint", "June Maths", "#3", "--csv", cli.file("reprint.csv").path])
        #expect(again.stdout == "Wrote 1 entry to \(cli.file("reprint.csv").path)\n")
        let reprinted = try readCSV(cli.file("reprint.csv"))
        #expect(reprinted.count == 1 && reprinted[0].username == slips[2].username && reprinted[0].password != slips[2].password)
        #expect(try login(cli, slips[2].username, reprinted[0].password!).stdout.contains("registration_required"))

        let audit = try cli.expectSuccess(["audit", "June Maths", "--json"]).stdout
        #expect(audit.contains("entries.reset") && audit.contains("entries.export"))
        for secret in [temporary, reprinted[0].password!, "Amber-Lantern-73"] { #expect(!audit.contains(secret)) }
    }

    @Test func exportAndWithdrawTakeEntriesByNumberAndUsername() throws {
        let cli = try CLI()
        let slips = try sessionWithARegisteredCandidate(cli)
        try cli.expectSuccess([
            "entries", "export", "June Maths", "--entries", "#3,\(slips[0].username.lowercased())", "--csv", cli.file("two.csv").path,
        ])
        #expect(try readCSV(cli.file("two.csv")).map(\.number) == [1, 3])
        try cli.expectSuccess(["entries", "withdraw", "June Maths", "jose.nunez", "3"])
        #expect(try cli.json(["entries", "list", "June Maths", "--state", "withdrawn"], as: [EntryJSON].self).map(\.number) == [2, 3])
    }

    @Test func anEndedSessionMovedLaterBringsItsLoginsBack() throws {
        let cli = try CLI()
        try cli.setUp(ends: Self.day(0))
        try cli.expectSuccess(["entries", "add", "June Maths", "--count", "2", "--csv", cli.file("slips.csv").path])
        let slip = try readCSV(cli.file("slips.csv"))[0]
        try expectRefusal(
            cli, ["session", "update", "June Maths", "--ends", Self.day(-1)],
            saying: "that end is in the past, so the session's 2 unused logins would stop working at once; force the change to end it anyway")
        let ended = try cli.expectSuccess(["session", "update", "June Maths", "--ends", Self.day(-1), "--force"])
        #expect(ended.stdout.contains("2 unused logins follow the new end"))
        #expect(try login(cli, slip.username, slip.password!).stderr == "admit: this login has expired — ask your exam coordinator\n")

        let moved = try cli.expectSuccess(["session", "update", "June Maths", "--ends", Self.day(7), "--starts", "\(Self.day(7))T09:00"])
        #expect(moved.stdout.contains("2 unused logins follow the new end"))
        #expect(try login(cli, slip.username, slip.password!).stdout.contains("registration_required"))
        let show = try cli.expectSuccess(["session", "show", "June Maths"]).stdout
        #expect(show.contains("\(Self.day(7)) 09:00") && show.contains("\(Self.day(7)) 23:59"))

        try cli.expectSuccess(["session", "create", "--institution", "GB042", "--name", "June Physics"])
        try expectRefusal(
            cli, ["session", "update", "June Maths", "--name", "June Physics"],
            saying: "the institution GB042 already has a session named \"June Physics\"")
        try expectRefusal(cli, ["session", "create", "--institution", "GB042", "--name", "June Physics"], saying: "already has a session named")
        try expectRefusal(cli, ["session", "update", "June Maths", "--ends", "\(Self.day(7))T08:00"], saying: "a session must end after it starts")
        try expectRefusal(cli, ["session", "update", "June Maths", "--ends", "someday"], saying: "\"someday\" is not a date")
        let renamed = try cli.json(
            [
                "session", "update", "June Maths", "--name", "June Maths (moved)", "--sign-in-url", "https://exams.example.org/",
                "--username-template", "{g}{family}", "--require", "email",
            ], as: SessionJSON.self)
        #expect(renamed.name == "June Maths (moved)")
        #expect(try cli.run(["session", "update", "June Maths (moved)"]).status == 2)
        #expect(try cli.expectSuccess(["audit", "June Maths (moved)"]).stdout.contains("session.update"))
    }

    @Test func findFindsACandidateAcrossSessions() throws {
        let cli = try CLI()
        try sessionWithARegisteredCandidate(cli)
        let table = try cli.expectSuccess(["find", "NUNEZ"])
        #expect(table.lines.count == 2 && table.lines[0].hasPrefix("SESSION"))
        #expect(table.lines[1].hasPrefix("June Maths") && table.lines[1].contains("jose.nunez") && table.lines[1].contains("converted"))
        // Spelled as the JSON spells them.
        // swift-format-ignore: AlwaysUseLowerCamelCase
        struct FoundJSON: Decodable {
            var session: String
            var institution: String
            var number: Int
            var state: String
            var personal_username: String?
        }
        let found = try cli.json(["find", "josé", "--institution", "gb042"], as: [FoundJSON].self)
        #expect(found.count == 1 && found[0].session == "June Maths" && found[0].number == 2 && found[0].personal_username == "jose.nunez")
        #expect(try cli.expectSuccess(["find", "nobody"]).stdout == "No candidate matches \"nobody\".\n")
        try expectRefusal(cli, ["find", "nunez", "--institution", "XX999"], saying: "there is no institution XX999")
    }

    @Test func badEntryNamesAndResetsAreRefusedAndChangeNothing() throws {
        let cli = try CLI()
        try cli.setUp()
        try cli.expectSuccess(["session", "create", "--institution", "GB042", "--name", "Chemistry", "--username-template", "{candidate}"])
        try cli.expectSuccess(["entries", "add", "Chemistry", "--count", "2", "--csv", cli.file("slips.csv").path])
        let slips = try readCSV(cli.file("slips.csv"))
        try cli.expectSuccess([
            "register", "--institution", "GB042", "--username", slips[1].username, "--password", slips[1].password!,
            "--given-name", "Maria", "--family-name", "Garcia", "--candidate-number", "1", "--new-password", Self.chosen,
        ])
        try cli.expectSuccess(["entries", "withdraw", "Chemistry", "#1"])
        let before = try cli.expectSuccess(["entries", "list", "Chemistry", "--json"]).stdout

        try expectRefusal(cli, ["entries", "unlock", "Chemistry", "nobody"], saying: "this entry is not in the session \"Chemistry\": \"nobody\"")
        try expectRefusal(
            cli, ["entries", "reset", "Chemistry", "1", "--csv", cli.file("x.csv").path],
            saying: "\"1\" names 2 entries of the session \"Chemistry\", #1 (\(slips[0].username)) and #2 (1)")
        try expectRefusal(
            cli, ["entries", "reset", "Chemistry", "#1", "#2", "--csv", cli.file("x.csv").path],
            saying: "entry #1 of the session \"Chemistry\" is withdrawn and cannot be reset; nothing was changed")
        try expectRefusal(cli, ["entries", "reprint", "Chemistry", "#2", "--csv", cli.file("x.csv").path], saying: "has no password to print again")
        try expectRefusal(cli, ["entries", "withdraw", "Chemistry", "#7"], saying: "not in the session")
        #expect(try cli.expectSuccess(["entries", "list", "Chemistry", "--json"]).stdout == before)
        #expect(try cli.run(["entries", "reset", "Chemistry"]).status == 2)
        #expect(try cli.run(["entries", "reprint", "Chemistry", "#2"]).status == 2)
    }

    @Test func staffAccountsAreUnlockedEnabledGivenAPasswordAndARole() throws {
        let cli = try CLI()
        try cli.setUp()
        let password = StaffCLITests.password
        for (name, role) in [("root", ["--role", "admin"]), ("carol", ["--role", "coordinator", "--institution", "GB042"])] {
            try #require(try cli.run(["staff", "add", name] + role, input: "\(password)\n\(password)\n").status == 0)
        }
        _ = try python3(
            """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE staff SET failed_attempts = 5, locked_until = '2999-01-01 00:00:00.000' WHERE username = 'carol'"); c.commit()
            """, [cli.db.path])
        #expect(try cli.expectSuccess(["staff", "list"]).lines[1].contains("locked until"))
        #expect(try cli.expectSuccess(["staff", "unlock", "carol"]).stdout == "Unlocked carol; their password works again now.\n")
        // Spelled as the JSON spells them.
        // swift-format-ignore: AlwaysUseLowerCamelCase
        struct MemberJSON: Decodable {
            var username: String
            var role: String
            var institution: String?
            var failed_attempts: Int
            var locked_until: String?
            var disabled_at: String?
        }
        let carol = try cli.json(["staff", "list"], as: [MemberJSON].self)[0]
        #expect(carol.failed_attempts == 0 && carol.locked_until == nil)

        try cli.expectSuccess(["staff", "disable", "carol"])
        #expect(try cli.expectSuccess(["staff", "enable", "carol"]).stdout == "Enabled carol; they sign in at /staff again.\n")
        #expect(try cli.json(["staff", "list"], as: [MemberJSON].self)[0].disabled_at == nil)

        let hash = {
            try String(
                decoding: python3(
                    """
                    import sqlite3, sys
                    print(sqlite3.connect(sys.argv[1]).execute("SELECT password_hash FROM staff WHERE username = 'carol'").fetchone()[0])
                    """, [cli.db.path]), as: UTF8.self)
        }
        let first = try hash()
        let typed = try cli.run(["staff", "password", "carol"], input: "Another-Staff-Horse-7\nAnother-Staff-Horse-7\n")
        #expect(typed.status == 0 && typed.stdout == "Set a new password for carol; it works at once.\n" && !typed.stdout.contains("Another"))
        let second = try hash()
        #expect(second != first)
        try "Third-Staff-Horse-99\n".write(to: cli.file("password.txt"), atomically: true, encoding: .utf8)
        try cli.expectSuccess(["staff", "password", "carol", "--password-file", cli.file("password.txt").path])
        #expect(try hash() != second)
        try expectRefusal(
            cli, ["staff", "password", "carol"], saying: "differ; nothing was changed", input: "Another-Staff-Horse-7\nAnother-Staff-Horse-8\n")
        try expectRefusal(cli, ["staff", "password", "carol"], saying: "common", input: "password1\npassword1\n")

        #expect(
            try cli.expectSuccess(["staff", "role", "carol", "--role", "Invigilator", "--institution", "gb042"]).stdout
                == "carol is now an invigilator of GB042.\n")
        try expectRefusal(
            cli, ["staff", "role", "carol", "--role", "owner"], saying: "\"owner\" is not a role; choose admin, coordinator or invigilator")
        try expectRefusal(
            cli, ["staff", "role", "carol", "--role", "coordinator", "--institution", "XX999"], saying: "there is no institution XX999")
        try expectRefusal(
            cli, ["staff", "role", "root", "--role", "coordinator", "--institution", "GB042"],
            saying: "root is the last admin and cannot be made a coordinator; make another member an admin first")
        try expectRefusal(cli, ["staff", "disable", "root"], saying: "root is the last admin and cannot be disabled")
        try expectRefusal(cli, ["staff", "unlock", "nobody"], saying: "no staff member named \"nobody\"")
        let members = try cli.json(["staff", "list"], as: [MemberJSON].self)
        #expect(members.map(\.role) == ["invigilator", "admin"] && members.allSatisfy { $0.disabled_at == nil })

        let audit = try cli.expectSuccess(["audit", "--json"]).stdout
        for action in ["staff.unlock", "staff.enable", "staff.password", "staff.role"] { #expect(audit.contains(action)) }
        for secret in ["Another-Staff-Horse-7", "Third-Staff-Horse-99", first, second] { #expect(!audit.contains(secret)) }
    }

    /// `make demo`'s script, run on a fresh folder: the coordinator's day, then one candidate's first login, an unlock and a reset.
    @Test func theDemoShowsTheWholeJob() throws {
        let cli = try CLI()
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Samples/coordinator-day.sh")
            .standardized
        let output = try runTool("/usr/bin/env", ["ADMIT=\(CLI.binary.path)", "/bin/bash", script.path, cli.file("demo").path])
        let text = String(decoding: output, as: UTF8.self)
        for phrase in [
            "personal username: jose.nunez", "Signed in as jose.nunez", "Unlocked #2 (jose.nunez)", "Reset #2 (jose.nunez)",
            "This is a temporary password", "Your personal username is:", "locked out by 5 wrong passwords and unlocked",
        ] {
            #expect(text.contains(phrase), "\(phrase)")
        }
    }

    /// `2026-06-10`-style dates `days` from today, as a coordinator types them.
    static func day(_ days: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
    }
}
