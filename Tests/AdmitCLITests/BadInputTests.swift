import AdmitTestTools
import Foundation
import Testing

/// Every refusal is one sentence on stderr, exit status 1, and changes nothing.
@Suite struct BadInputTests {
    func expectRefusal(
        _ cli: CLI, _ arguments: [String], saying phrase: String, environment: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try cli.folderListing()
        let result = try cli.run(arguments, environment: environment)
        #expect(result.status == 1, "exit status", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "one sentence: \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("admit: ") && result.stderr.contains(phrase), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(try cli.folderListing() == before, "nothing written", sourceLocation: sourceLocation)
    }

    @Test(arguments: ["0", "501", "-1", "abc", "1.5", ""])
    func countsOutsideOneTo500(count: String) throws {
        let cli = try CLI()
        try cli.setUp()
        try cli.expectSuccess(["entries", "add", "June Maths", "--count", "3"])
        try expectRefusal(
            cli, ["entries", "add", "June Maths", "--count", count, "--xlsx", cli.file("x.xlsx").path],
            saying: "1 to 500")
        #expect(try cli.entryCount() == 3)
    }

    @Test func unknownAndAmbiguousSessions() throws {
        let cli = try CLI()
        try cli.setUp()
        try expectRefusal(cli, ["entries", "add", "June Physics", "--count", "5"], saying: "no session with the id or name \"June Physics\"")
        // A name is unique within an institution; two institutions may share one.
        try expectRefusal(
            cli, ["session", "create", "--institution", "GB042", "--name", "June Maths"], saying: "already has a session named \"June Maths\"")
        try cli.expectSuccess(["institution", "add", "US007", "--name", "Southfield High"])
        try cli.expectSuccess(["session", "create", "--institution", "US007", "--name", "June Maths"])
        try expectRefusal(cli, ["entries", "add", "June Maths", "--count", "5"], saying: "2 sessions are named \"June Maths\"")
        try expectRefusal(cli, ["entries", "list", UUID().uuidString], saying: "no session")
    }

    @Test func unknownInstitutionAndBadSessionDetails() throws {
        let cli = try CLI()
        try cli.setUp()
        try expectRefusal(cli, ["session", "create", "--institution", "XX999", "--name", "Maths"], saying: "no institution XX999")
        try expectRefusal(cli, ["session", "create", "--institution", "GB042", "--name", "Maths", "--ends", "2026-02-30"], saying: "not a date")
        try expectRefusal(
            cli, ["session", "create", "--institution", "GB042", "--name", "Maths", "--starts", "2026-12-02", "--ends", "2026-12-01"],
            saying: "end after it starts")
        try expectRefusal(cli, ["institution", "add", "GB042", "--name", "Again"], saying: "already exists")
        #expect(try cli.json(["session", "list"], as: [SessionJSON].self).count == 1)
    }

    @Test func anUnwritableOutputMakesNoBatch() throws {
        let cli = try CLI()
        try cli.setUp()
        try expectRefusal(
            cli,
            [
                "entries", "add", "June Maths", "--count", "10", "--csv", cli.file("ok.csv").path,
                "--xlsx", cli.file("missing/logins.xlsx").path,
            ], saying: "does not exist")
        #expect(try cli.entryCount() == 0)
    }

    @Test func unknownLayoutsPapersAndAddressesWriteNothing() throws {
        let cli = try CLI()
        try cli.setUp()
        let xlsx = cli.file("x.xlsx").path
        try expectRefusal(cli, ["entries", "add", "June Maths", "--count", "5", "--xlsx", xlsx, "--layout", "poster"], saying: "is not a layout")
        try expectRefusal(cli, ["entries", "add", "June Maths", "--count", "5", "--xlsx", xlsx, "--paper", "a3"], saying: "is not a paper size")
        try expectRefusal(
            cli, ["entries", "add", "June Maths", "--count", "5", "--xlsx", xlsx, "--sign-in-url", "exams"], saying: "not a sign-in address")
        #expect(try cli.entryCount() == 0)
        try cli.expectSuccess(["entries", "add", "June Maths", "--count", "3"])
        try expectRefusal(cli, ["entries", "export", "June Maths", "--xlsx", xlsx, "--layout", "slips,slips"], saying: "each layout once")
        try cli.expectSuccess(["entries", "export", "June Maths", "--xlsx", xlsx, "--layout", "roster,slips", "--paper", "letter"])
        #expect(try posixMode(cli.file("x.xlsx")) == 0o600)
        try expectRefusal(
            cli, ["report", "June Maths", "--xlsx", cli.file("report.xlsx").path, "--paper", "a3"], saying: "\"a3\" is not a paper size")
    }

    /// A folder, or a file that already holds credentials, is refused before any batch is made.
    @Test func aFolderOrAnExistingFileAsOutputMakesNoBatch() throws {
        let cli = try CLI()
        try cli.setUp()
        try FileManager.default.createDirectory(at: cli.file("out"), withIntermediateDirectories: true)
        try expectRefusal(cli, ["entries", "add", "June Maths", "--count", "5", "--xlsx", cli.file("out").path], saying: "is a folder; name a file")
        try cli.expectSuccess(["entries", "add", "June Maths", "--count", "5", "--csv", cli.file("room4.csv").path])
        try expectRefusal(
            cli, ["entries", "add", "June Maths", "--count", "2", "--csv", cli.file("room4.csv").path],
            saying: "already exists; choose another name, or add --force to replace it")
        try expectRefusal(cli, ["entries", "export", "June Maths", "--csv", cli.file("room4.csv").path], saying: "already exists")
        #expect(try cli.entryCount() == 5 && readCSV(cli.file("room4.csv")).count == 5)
        try cli.expectSuccess(["entries", "add", "June Maths", "--count", "2", "--csv", cli.file("room4.csv").path, "--force"])
        #expect(try cli.entryCount() == 7 && readCSV(cli.file("room4.csv")).count == 2)
        #expect(try posixMode(cli.file("room4.csv")) == 0o600)
    }

    @Test func anotherInstallationsDataKeyIsRefusedAndSealsNothing() throws {
        let cli = try CLI()
        try cli.setUp()
        try cli.expectSuccess(["entries", "add", "June Maths", "--count", "3"])
        let foreign = ["ADMIT_DATA_KEY": Data((0..<32).map { UInt8($0) }).base64EncodedString()]
        let sentence = "ADMIT_DATA_KEY is not the data key this database's secrets are sealed under"
        try expectRefusal(cli, ["entries", "add", "June Maths", "--count", "5"], saying: sentence, environment: foreign)
        try expectRefusal(cli, ["entries", "export", "June Maths", "--csv", cli.file("x.csv").path], saying: sentence, environment: foreign)
        #expect(try cli.entryCount() == 3)
        try cli.expectSuccess(["entries", "export", "June Maths", "--csv", cli.file("x.csv").path])
        #expect(try readCSV(cli.file("x.csv")).allSatisfy { $0.password != nil })
    }

    /// Longer codes than a slip prints whole are refused; the longest accepted print one slip to a row, and say so.
    @Test func theLongestCodesPrintOneSlipToARowAndLongerOnesAreRefused() throws {
        let cli = try CLI()
        try cli.setUp()
        let xlsx = cli.file("long.xlsx")
        try expectRefusal(
            cli, ["entries", "add", "June Maths", "--count", "2", "--password-length", "33", "--xlsx", xlsx.path],
            saying: "a password length must be from 8 to 32 (got 33)")
        try expectRefusal(
            cli, ["entries", "add", "June Maths", "--count", "2", "--username-length", "33", "--xlsx", xlsx.path],
            saying: "a username length must be from 6 to 32 (got 33)")
        let added = try cli.run([
            "entries", "add", "June Maths", "--count", "3", "--username-length", "32", "--password-length", "32",
            "--layout", "roster,slips", "--xlsx", xlsx.path, "--sign-in-url", "https://exams.northfield.example/",
        ])
        #expect(added.status == 0)
        #expect(
            added.stderr
                == "admit: note: a credential of 39 characters does not fit two slips across at 11 points, so these slips print one to a row.\n")
        let credentials = try readXLSX(xlsx)
        #expect(credentials.count == 3 && credentials.allSatisfy { $0.username.count == 32 && $0.password?.count == 32 })
    }

    @Test func badWorkbookPasswordsWriteNothing() throws {
        let cli = try CLI()
        try cli.setUp()
        let xlsx = cli.file("x.xlsx").path
        try Data().write(to: cli.file("empty.txt"))
        try Data("short\n".utf8).write(to: cli.file("short.txt"))
        let cases: [([String], String)] = [
            (["--xlsx", xlsx, "--encrypt-password-file", cli.file("empty.txt").path], "is empty"),
            (["--xlsx", xlsx, "--encrypt-password-file", cli.file("missing.txt").path], "cannot read the password file"),
            (["--xlsx", xlsx, "--encrypt-password-file", cli.file("short.txt").path], "at least 10 characters"),
            (["--xlsx", xlsx, "--csv", cli.file("x.csv").path, "--encrypt"], "a CSV cannot be encrypted"),
            (["--csv", cli.file("x.csv").path, "--encrypt"], "only a workbook can be encrypted"),
        ]
        for (options, phrase) in cases {
            try expectRefusal(cli, ["entries", "add", "June Maths", "--count", "5"] + options, saying: phrase)
        }
        #expect(try cli.entryCount() == 0)
    }

    @Test func aClosedSessionTakesNoEntries() throws {
        let cli = try CLI()
        try cli.setUp(ends: "2020-01-31")
        try expectRefusal(cli, ["entries", "add", "June Maths", "--count", "10"], saying: "has ended")
        #expect(try cli.entryCount() == 0)
    }

    @Test func entriesOfAnotherSessionAreRefusedWhole() throws {
        let cli = try CLI()
        try cli.setUp()
        try cli.expectSuccess(["session", "create", "--institution", "GB042", "--name", "June Physics"])
        try cli.expectSuccess(["entries", "add", "June Maths", "--count", "2"])
        try cli.expectSuccess(["entries", "add", "June Physics", "--count", "1"])
        let maths = try cli.json(["entries", "list", "June Maths"], as: [EntryJSON].self)
        let physics = try cli.json(["entries", "list", "June Physics"], as: [EntryJSON].self)
        try expectRefusal(cli, ["entries", "withdraw", "June Maths", maths[0].guid, physics[0].guid], saying: "not in the session")
        try expectRefusal(
            cli, ["entries", "withdraw", "June Maths", "not-a-guid"], saying: "this entry is not in the session \"June Maths\": \"not-a-guid\"")
        try expectRefusal(
            cli, ["entries", "export", "June Maths", "--entries", physics[0].guid, "--csv", cli.file("x.csv").path],
            saying: "not in the session")
        #expect(try cli.json(["entries", "list", "June Maths", "--state", "withdrawn"], as: [EntryJSON].self).isEmpty)
    }

    @Test func aDatabaseFromANewerVersionIsLeftAlone() throws {
        let cli = try CLI()
        try cli.setUp()
        #expect(try sqlite(cli.db, "INSERT INTO grdb_migrations VALUES ('v999')") == "")
        let contents =
            "SELECT (SELECT group_concat(identifier) FROM grdb_migrations), (SELECT COUNT(*) FROM entry), (SELECT COUNT(*) FROM batch), (SELECT COUNT(*) FROM audit_event)"
        let before = try sqlite(cli.db, contents)
        try expectRefusal(cli, ["entries", "add", "June Maths", "--count", "5"], saying: "newer version of Admit")
        #expect(try sqlite(cli.db, contents) == before)
        #expect(before.split(separator: "|").first?.hasSuffix(",v999") == true)
        #expect(before.split(separator: "|").dropFirst().prefix(2) == ["0", "0"])
    }

    /// Runs one statement with Python's sqlite3 (not admit's SQLite layer); returns the first row, cells joined by "|".
    func sqlite(_ db: URL, _ statement: String) throws -> String {
        String(
            decoding: try python3(
                """
                import sqlite3, sys
                c = sqlite3.connect(sys.argv[1]); row = c.execute(sys.argv[2]).fetchone(); c.commit()
                print("|".join(str(v) for v in row) if row else "", end="")
                """, [db.path, statement]), as: UTF8.self)
    }

    @Test func usageErrorsExitWith2() throws {
        let cli = try CLI()
        #expect(try cli.run(["entries", "add", "June Maths"]).status == 2)
        #expect(try cli.run(["entries", "frobnicate"]).status == 2)
        #expect(try cli.run(["entries", "export", "June Maths"]).status == 2)
        let help = try cli.run(["--help"], db: false)
        #expect(help.status == 0)
        for command in ["institution", "session", "entries", "report", "audit"] { #expect(help.stdout.contains(command)) }
    }
}

struct SessionJSON: Decodable {
    var id: String
    var name: String
    var institution: String
}
