import AdmitTestTools
import Foundation
import Testing

/// What `import --json` and `import show --json` print.
struct ImportJSON: Decodable {
    struct Job: Decodable {
        var id: String
        var state: String
        var rows: Int
    }
    struct Counts: Decodable, Equatable {
        var new, updated, unchanged, errors: Int
    }
    struct RowError: Decodable, Equatable {
        var row: Int
        var message: String
    }
    var job: Job?
    var counts: Counts
    var errors: [RowError]
}

// Spelled as the JSON spells them.
// swift-format-ignore: AlwaysUseLowerCamelCase
struct NamedEntryJSON: Decodable {
    var guid: String
    var username: String
    var kind: String
    var given_name: String?
    var group: String?
}

/// A CSV as European Excel saves it: UTF-8 with a byte-order mark, semicolons, CRLF.
func excelCSV(_ rows: [[String]]) -> Data {
    Data([0xEF, 0xBB, 0xBF]) + Data(rows.map { $0.joined(separator: ";") + "\r\n" }.joined().utf8)
}

@Suite struct ImportCLITests {
    let header = ["Student ID", "First Name", "Surname", "E-mail", "Class"]

    @Test func aCoordinatorVerifiesImportsAndCollectsTheThreeFiles() throws {
        let cli = try CLI()
        try cli.setUp()
        try excelCSV([
            header, ["10442", "María", "García", "maria@example.org", "Room 4"], ["10443", "Li", "Wei", "li@", "Room 4"],
            ["10444", "Ana", "López", "ana@example.org", "Hall"],
        ]).write(to: cli.file("class.csv"))

        let verify = try cli.run(["import", "June Maths", "class.csv", "--dry-run"])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.lines.first == "Checked 3 rows of class.csv for \"June Maths\": 2 new, 0 updated, 0 unchanged, 1 with errors.")
        #expect(verify.stdout.contains("  row 3: \"li@\" does not look like an e-mail address"))
        #expect(try posixMode(cli.file("class-errors.csv")) == 0o600)
        #expect(try cli.entryCount() == 0)
        #expect(try cli.json(["import", "list"], as: [ImportJSON.Job].self).isEmpty)

        let imported = try cli.json(["import", "June Maths", "class.csv"], as: ImportJSON.self)
        let job = try #require(imported.job)
        #expect(job.state == "completed with errors" && job.rows == 3)
        #expect(imported.counts == .init(new: 2, updated: 0, unchanged: 0, errors: 1))
        #expect(imported.errors == [.init(row: 3, message: "\"li@\" does not look like an e-mail address")])
        #expect(try cli.json(["import", "list", "June Maths"], as: [ImportJSON.Job].self).map(\.id) == [job.id])
        #expect(try cli.json(["import", "show", String(job.id.prefix(8))], as: ImportJSON.self).errors.map(\.row) == [3])

        let entries = try cli.json(["entries", "list", "June Maths", "--group", "room 4"], as: [NamedEntryJSON].self)
        #expect(entries.map(\.username) == ["maria.garcia"] && entries[0].kind == "named" && entries[0].group == "Room 4")

        try cli.expectSuccess(["import", "files", String(job.id.prefix(8)), "--out", "files"])
        let stem = "files/import-\(job.id.prefix(8))"
        for kind in ["uploaded", "completed", "errors"] { #expect(try posixMode(cli.file("\(stem)-\(kind).csv")) == 0o600) }
        let completed = try String(contentsOf: cli.file("\(stem)-completed.csv"), encoding: .utf8).components(separatedBy: "\r\n")
        #expect(try Data(contentsOf: cli.file("\(stem)-completed.csv")).starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(completed[0] == "Student ID,First Name,Surname,E-mail,Class,Entry GUID,Username,Password,Result")
        let maria = completed[1].split(separator: ",").map(String.init)
        #expect(maria[5] == entries[0].guid && maria[6] == "maria.garcia" && maria[7].count == 10 && maria[8] == "created")

        // The candidate signs in with the temporary password and chooses their own; the username stays.
        let first = try cli.json(["login", "--institution", "GB042", "--username", "maria.garcia", "--password", maria[7]], as: LoginJSON.self)
        #expect(first.state == "password_change_required")
        let chosen = try cli.run(
            ["register", "--institution", "GB042", "--username", "maria.garcia", "--json"],
            input: "\(maria[7])\nTr0ub4dor&3horse\n")
        #expect(chosen.status == 0, "\(chosen.stderr)")
        let personal = try cli.json(
            ["login", "--institution", "GB042", "--username", "maria.garcia", "--password", "Tr0ub4dor&3horse"], as: LoginJSON.self)
        #expect(personal.state == "signed_in")

        try cli.expectSuccess(["report", "June Maths", "--xlsx", "report.xlsx"])
        let reported = try python3(
            """
            import sys, openpyxl
            rows = list(openpyxl.load_workbook(sys.argv[1])["Login report"].iter_rows(values_only=True))
            header = list(rows[7]); first = dict(zip(header, rows[8]))
            print(first["Personal username"], "|", first["Candidate"], "|", first["Group"], "|", first["State"])
            """, [cli.file("report.xlsx").path])
        #expect(String(decoding: reported, as: UTF8.self) == "maria.garcia | María García · 10442 | Room 4 | converted\n")

        let audit = try cli.run(["audit", "June Maths"]).stdout
        #expect(audit.contains("import.start") && audit.contains("import.files") && !audit.contains(maria[7]))
    }

    @Test func exportEditAndImportAgainUpdatesTheEntries() throws {
        let cli = try CLI()
        try cli.setUp()
        // Rows pasted from a spreadsheet on standard input: tab-separated.
        let pasted = try cli.run(
            ["import", "June Maths", "-", "--json"],
            input: "Candidate Number\tGiven Name\tFamily Name\n1\tJohn\tSmith\n2\tJohn\tSmith\n")
        #expect(pasted.status == 0, "\(pasted.stderr)")
        try cli.expectSuccess(["entries", "export", "June Maths", "--format", "template", "--xlsx", "all.xlsx"])
        try python3(
            """
            import sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.worksheets[0]
            assert [c.value for c in ws[1]][:3] == ["Candidate Number", "Given Name", "Family Name"], [c.value for c in ws[1]]
            ws["B3"] = "Jon"; ws["F2"] = "Room 1"
            wb.save(sys.argv[1])
            """, [cli.file("all.xlsx").path])
        let again = try cli.json(["import", "June Maths", "all.xlsx"], as: ImportJSON.self)
        #expect(again.counts == .init(new: 0, updated: 2, unchanged: 0, errors: 0))
        let entries = try cli.json(["entries", "list", "June Maths"], as: [NamedEntryJSON].self)
        #expect(entries.map(\.username) == ["john.smith", "john.smith2"])
        #expect(entries.map(\.given_name) == ["John", "Jon"] && entries[0].group == "Room 1")
    }

    @Test func aFileThatIsNoRosterIsRefusedWithOneSentence() throws {
        let cli = try CLI()
        try cli.setUp()
        try excelCSV([["Vorname", "Nachname"], ["Max", "Muster"]]).write(to: cli.file("de.csv"))
        let missing = try cli.run(["import", "June Maths", "de.csv"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("admit: the file has no column for Given Name, Family Name; it has: \"Vorname\", \"Nachname\""))
        #expect(try cli.json(["import", "list"], as: [ImportJSON.Job].self).isEmpty)

        let absent = try cli.run(["import", "June Maths", "nowhere.csv"])
        #expect(absent.status == 1 && absent.stderr.hasPrefix("admit: cannot read nowhere.csv"))

        try Data([0x50, 0x4B, 0x03, 0x04, 0xFF, 0x00]).write(to: cli.file("broken.xlsx"))
        let broken = try cli.run(["import", "June Maths", "broken.xlsx"])
        #expect(broken.status == 1 && broken.stderr.hasPrefix("admit: broken.xlsx cannot be read: "))
        #expect(broken.stderr.split(separator: "\n").count == 1)
        #expect(try cli.entryCount() == 0)
    }

    @Test func theTemplateHasTheColumnsToFillIn() throws {
        let cli = try CLI()
        #expect(try cli.run(["template", "--format", "csv"], db: false).status == 0)
        #expect(try Data(contentsOf: cli.file("roster-template.csv")).starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(
            try String(contentsOf: cli.file("roster-template.csv"), encoding: .utf8)
                == "Candidate Number,Given Name,Family Name,Email,Date of Birth,Group,Username,Password,Entry GUID\r\n")
        #expect(try cli.run(["template", "--out", "t.xlsx"], db: false).status == 0)
        let headings = try python3(
            """
            import sys, openpyxl
            print(",".join(c.value for c in openpyxl.load_workbook(sys.argv[1]).worksheets[0][1]))
            """, [cli.file("t.xlsx").path])
        #expect(
            String(decoding: headings, as: UTF8.self)
                == "Candidate Number,Given Name,Family Name,Email,Date of Birth,Group,Username,Password,Entry GUID\n")
        let wrong = try cli.run(["template", "--format", "pdf"], db: false)
        #expect(wrong.status == 1 && wrong.stderr == "admit: \"pdf\" is not a template format; choose xlsx or csv\n")
    }
}
