import AdmitTestTools
import Foundation
import Testing

@Suite struct CoordinatorDayTests {
    @Test func aBatchOf500ReachesTheRosterTheCSVAndEveryExportAlike() throws {
        let cli = try CLI()
        let session = try cli.setUp()
        #expect(UUID(uuidString: session) != nil, "session create prints the new id")

        let added = try cli.expectSuccess([
            "entries", "add", "June Maths", "--count", "500",
            "--xlsx", cli.file("logins.xlsx").path, "--csv", cli.file("logins.csv").path,
        ])
        #expect(added.stdout.contains("500 entries"))
        for name in ["logins.xlsx", "logins.csv", "admit.sqlite", "admit.key"] {
            #expect(try posixMode(cli.file(name)) == 0o600, "\(name)")
        }

        let roster = try readXLSX(cli.file("logins.xlsx"))
        let csv = try readCSV(cli.file("logins.csv"))
        #expect(roster.count == 500)
        #expect(roster == csv)
        #expect(Set(roster.map(\.username)).count == 500)
        #expect(roster.allSatisfy { $0.password?.count == 10 && $0.username.count == 8 && $0.state == "issued" })

        try cli.expectSuccess(["entries", "export", session, "--csv", cli.file("export.csv").path, "--xlsx", cli.file("export.xlsx").path])
        #expect(try readCSV(cli.file("export.csv")) == csv)
        #expect(try readXLSX(cli.file("export.xlsx")) == csv)

        // Withdraw entry #7: it stays on the roster, without a password.
        let entries = try cli.json(["entries", "list", "June Maths"], as: [EntryJSON].self)
        let seventh = try #require(entries.first { $0.number == 7 })
        try cli.expectSuccess(["entries", "withdraw", "June Maths", seventh.guid])
        try cli.expectSuccess(["entries", "export", "June Maths", "--csv", cli.file("after.csv").path, "--xlsx", cli.file("after.xlsx").path])
        let after = try readCSV(cli.file("after.csv"))
        #expect(try readXLSX(cli.file("after.xlsx")) == after)
        #expect(after.count == 500)
        #expect(after[6] == Credential(number: 7, username: seventh.username, password: nil, state: "withdrawn"))
        #expect(after.enumerated().allSatisfy { $0.offset == 6 || $0.element == csv[$0.offset] })
        #expect(!(try String(contentsOf: cli.file("after.csv"), encoding: .utf8)).contains(csv[6].password!))
    }

    @Test func selectedEntriesBatchesAndStatesExportOnTheirOwn() throws {
        let cli = try CLI()
        try cli.setUp()
        let first = try cli.json(["entries", "add", "June Maths", "--count", "3"], as: BatchJSON.self)
        try cli.expectSuccess(["entries", "add", "June Maths", "--count", "4"])
        let entries = try cli.json(["entries", "list", "June Maths"], as: [EntryJSON].self)
        #expect(entries.map(\.number) == Array(1...7))
        #expect(try cli.json(["entries", "list", "June Maths", "--batch", first.id], as: [EntryJSON].self).map(\.number) == [1, 2, 3])

        try cli.expectSuccess([
            "entries", "export", "June Maths", "--entries", "\(entries[1].guid),\(entries[5].guid)", "--csv", cli.file("two.csv").path,
        ])
        #expect(try readCSV(cli.file("two.csv")).map(\.number) == [2, 6])

        try cli.expectSuccess(["entries", "withdraw", "June Maths", entries[0].guid, entries[4].guid])
        try cli.expectSuccess(["entries", "export", "June Maths", "--state", "withdrawn", "--csv", cli.file("w.csv").path])
        #expect(try readCSV(cli.file("w.csv")).map(\.number) == [1, 5])
        #expect(try cli.json(["entries", "list", "June Maths", "--state", "issued"], as: [EntryJSON].self).count == 5)
    }

    @Test func aRepeatedRequestKeyMakesNoSecondBatch() throws {
        let cli = try CLI()
        try cli.setUp()
        let first = try cli.json(["entries", "add", "June Maths", "--count", "25", "--request-key", "room-4"], as: BatchJSON.self)
        let retry = try cli.json(
            [
                "entries", "add", "June Maths", "--count", "25", "--request-key", "room-4",
                "--csv", cli.file("retry.csv").path,
            ], as: BatchJSON.self)
        #expect(first.created && !retry.created)
        #expect(retry.id == first.id)
        #expect(try cli.entryCount() == 25)
        #expect(try readCSV(cli.file("retry.csv")).count == 25)
    }

    @Test func theReportAndTheAuditTrailTellWhatHappened() throws {
        let cli = try CLI()
        try cli.setUp()
        try cli.expectSuccess(["entries", "add", "June Maths", "--count", "4", "--csv", cli.file("l.csv").path])
        let guid = try cli.json(["entries", "list", "June Maths"], as: [EntryJSON].self)[0].guid
        try cli.expectSuccess(["entries", "withdraw", "June Maths", guid])

        let report = try cli.json(["report", "June Maths", "--xlsx", cli.file("report.xlsx").path], as: ReportJSON.self)
        #expect(report.counts == ["issued": 3, "converted": 0, "withdrawn": 1, "expired": 0])
        #expect(report.entries.count == 4)
        #expect(try posixMode(cli.file("report.xlsx")) == 0o600)
        let sheet = try JSONDecoder().decode(
            [[String?]].self,
            from: try python3(
                """
                import json, sys, openpyxl
                rows = openpyxl.load_workbook(sys.argv[1])["Login report"].iter_rows(values_only=True)
                print(json.dumps([[None if c is None else str(c) for c in r] for r in rows]))
                """, [cli.file("report.xlsx").path]))
        // Each summary label spans the first two columns (so it is never cut), its count in the third.
        #expect(
            sheet.prefix(6).map { [$0[0], $0[2]] } == [
                ["State", "Entries"], ["issued", "3"], ["converted", "0"], ["withdrawn", "1"], ["expired", "0"], ["total", "4"],
            ])
        #expect(sheet[6][0]?.hasPrefix("Times are in ") == true)
        #expect(sheet[7].prefix(4) == ["#", "Username", "State", "Personal username"])
        #expect(sheet.count == 12 && sheet[8][2] == "withdrawn")
        #expect(sheet[7][8...10] == ["Failures", "Locked until", "Expires"] && sheet[8][9] == nil)
        #expect(sheet[8][10]?.range(of: #"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"#, options: .regularExpression) != nil, "\(sheet[8][10] ?? "")")

        let audit = try cli.run(["audit", "June Maths"])
        #expect(audit.status == 0)
        for action in ["session.create", "batch.create", "entries.withdraw"] { #expect(audit.stdout.contains(action)) }
        #expect(audit.stdout.contains("coordinator"))
        #expect(audit.stdout.contains(cli.file("l.csv").path))
        let passwords = try readCSV(cli.file("l.csv")).compactMap(\.password)
        #expect(passwords.count == 4 && passwords.allSatisfy { !audit.stdout.contains($0) })
    }
}

@Suite struct EncryptedExportTests {
    @Test func anEncryptedWorkbookIsUselessWithoutThePasswordShownOnce() throws {
        let cli = try CLI()
        try cli.setUp()
        let added = try cli.run([
            "entries", "add", "June Maths", "--count", "20", "--xlsx", cli.file("sealed.xlsx").path,
            "--layout", "roster,slips", "--encrypt",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        let lines = added.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("Workbook password (shown once; send it apart from the file): "))
        let password = String(lines[0].split(separator: " ").last ?? "")
        #expect(password.count == 24 && password.filter { $0 == "-" }.count == 4)
        #expect(try posixMode(cli.file("sealed.xlsx")) == 0o600)
        #expect(!(try Data(contentsOf: cli.file("sealed.xlsx"))).starts(with: Data("PK".utf8)))
        // The passphrase is nowhere Admit keeps things.
        let audit = try cli.run(["audit"])
        #expect(audit.status == 0 && !audit.stdout.contains(password) && !audit.stdout.contains(password.replacingOccurrences(of: "-", with: "")))
        let database = try Data(contentsOf: cli.db) + ((try? Data(contentsOf: URL(fileURLWithPath: cli.db.path + "-wal"))) ?? Data())
        #expect(database.range(of: Data(password.utf8)) == nil)
    }
}

struct BatchJSON: Decodable {
    var id: String
    var size: Int
    var created: Bool
}

struct ReportJSON: Decodable {
    var counts: [String: Int]
    var entries: [EntryJSON]
}

@Suite struct DataLocationTests {
    @Test func theDatabaseDefaultsToTheXDGDataFolderAndTheKeyMayComeFromTheEnvironment() throws {
        let cli = try CLI()
        let home = cli.file("home")
        let user = ["HOME": home.path, "XDG_DATA_HOME": ""]
        #expect(try cli.run(["institution", "add", "GB042", "--name", "Northfield"], db: false, environment: user).status == 0)
        let folder = home.appendingPathComponent(".local/share/admit")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("admit.sqlite").path))
        #expect(try posixMode(folder) == 0o700)

        let data = ["XDG_DATA_HOME": cli.file("data").path, "ADMIT_DATA_KEY": Data(repeating: 7, count: 32).base64EncodedString()]
        #expect(try cli.run(["institution", "add", "GB042", "--name", "Northfield"], db: false, environment: data).status == 0)
        #expect(try cli.run(["session", "create", "--institution", "GB042", "--name", "June"], db: false, environment: data).status == 0)
        #expect(try cli.run(["entries", "add", "June", "--count", "2", "--csv", cli.file("k.csv").path], db: false, environment: data).status == 0)
        #expect(!FileManager.default.fileExists(atPath: cli.file("data/admit/admit.key").path), "the environment's key is used, no file made")

        var wrong = data
        wrong["ADMIT_DATA_KEY"] = Data(repeating: 8, count: 32).base64EncodedString()
        let refused = try cli.run(["entries", "export", "June", "--csv", cli.file("x.csv").path], db: false, environment: wrong)
        #expect(
            refused.status == 1 && refused.stderr.contains("ADMIT_DATA_KEY is not the data key this database's secrets are sealed under"),
            "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.file("x.csv").path))
    }
}
