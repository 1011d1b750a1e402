import AdmitTestTools
import Foundation
import Testing

/// A workbook of `rows` written by openpyxl (which keeps one copy of a repeated string in its shared strings).
func openpyxlWorkbook(_ rows: [[String]], to file: URL) throws {
    try python3(
        """
        import json, sys, openpyxl
        wb = openpyxl.Workbook(); ws = wb.active
        for row in json.load(sys.stdin): ws.append(row)
        wb.save(sys.argv[1])
        """, [file.path], input: try JSONSerialization.data(withJSONObject: rows))
}

/// A workbook of `rows` in inline strings, written part by part: openpyxl cuts a string to 32,767 characters, as
/// Excel does, and these tests need longer ones.
func inlineWorkbook(_ rows: [[String]], to file: URL) throws {
    try python3(
        """
        import json, sys, zipfile
        from xml.sax.saxutils import escape
        ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        rels = "http://schemas.openxmlformats.org/package/2006/relationships"
        rows = json.load(sys.stdin)
        sheet = "".join(
            f'<row r="{r}">' + "".join(f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{escape(v)}</t></is></c>' for c, v in enumerate(row) if v) + "</row>"
            for r, row in enumerate(rows, 1))
        with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("_rels/.rels", f'<Relationships xmlns="{rels}"><Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
            z.writestr("xl/workbook.xml", f'<workbook {ns} xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" r:id="r1"/></sheets></workbook>')
            z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{rels}"><Relationship Id="r1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
            z.writestr("xl/worksheets/sheet1.xml", f"<worksheet {ns}><sheetData>{sheet}</sheetData></worksheet>")
        """, [file.path], input: try JSONSerialization.data(withJSONObject: rows))
}

/// The cells of a workbook's first sheet, as openpyxl reads them ("" for empty).
func openpyxlCells(_ file: URL) throws -> [[String]] {
    let json = try python3(
        """
        import json, sys, openpyxl
        ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
        print(json.dumps([["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]))
        """, [file.path])
    return try JSONDecoder().decode([[String]].self, from: json)
}

/// What an import keeps is bounded, whatever the file: long cells of columns Admit does not use are kept cut, a
/// file that expands past the bounds is refused before anything is recorded, and a cell longer than a spreadsheet
/// holds is its row's error, so the job's files can always be written.
@Suite struct ImportLimitsCLITests {
    let header = ["Given Name", "Family Name", "Email", "Notes"]

    @Test func longCellsOfColumnsAdmitDoesNotUseAreKeptCut() throws {
        let cli = try CLI()
        try cli.setUp()
        let note = String(repeating: "x", count: 30_000)
        try openpyxlWorkbook([header] + (1...50).map { ["Ann\($0)", "Lee", "", note] }, to: cli.file("notes.xlsx"))
        let imported = try cli.run(["import", "June Maths", "notes.xlsx"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Kept cut to their first 1,000 characters: the longer cells of \"Notes\"."))
        let job = try #require(try cli.json(["import", "list"], as: [ImportJSON.Job].self).first)
        try cli.expectSuccess(["import", "files", String(job.id.prefix(8)), "--out", "files"])
        let uploaded = try openpyxlCells(cli.file("files/import-\(job.id.prefix(8))-uploaded.xlsx"))
        #expect(uploaded.count == 51 && uploaded.dropFirst().allSatisfy { $0[3] == String(note.prefix(1_000)) })
        #expect(try FileManager.default.attributesOfItem(atPath: cli.db.path)[.size] as? Int ?? .max < 2 << 20)
    }

    @Test func aFileThatExpandsPastTheBoundsIsRefusedBeforeAnythingIsRecorded() throws {
        let cli = try CLI()
        try cli.setUp()
        let long = String(repeating: "x", count: 30_000)
        // 1,200 rows pointing at one 30,000-character string: a small file, 36 MB of cells.
        try openpyxlWorkbook([header] + (1...1_200).map { ["Ann\($0)", "Lee", "", long] }, to: cli.file("shared.xlsx"))
        let shared = try cli.run(["import", "June Maths", "shared.xlsx"])
        #expect(shared.status == 1)
        #expect(
            shared.stderr
                == "admit: shared.xlsx cannot be read: the table is too large to read: its cells hold more than 16 MiB of text (a shared cell counted each time it is used)\n"
        )
        // 300 rows of it in a column Admit uses (kept whole, each row in error): 9 MB, past the 8 MiB a job keeps.
        try openpyxlWorkbook([header] + (1...300).map { ["Ann\($0)", long, "", ""] }, to: cli.file("names.xlsx"))
        for arguments in [["import", "June Maths", "names.xlsx"], ["import", "June Maths", "names.xlsx", "--dry-run"]] {
            let names = try cli.run(arguments)
            #expect(names.status == 1)
            #expect(
                names.stderr
                    == "admit: the file is too large to import: its rows hold more than 8 MiB of text, even with the cells of columns Admit does not use cut to 1,000 characters; split it into smaller files\n"
            )
        }
        #expect(try cli.json(["import", "list"], as: [ImportJSON.Job].self).isEmpty)
        #expect(try cli.entryCount() == 0)
        #expect(!FileManager.default.fileExists(atPath: cli.file("names-errors.xlsx").path))
    }

    @Test func aCellLongerThanASpreadsheetHoldsIsItsRowsError() throws {
        let cli = try CLI()
        try cli.setUp()
        try inlineWorkbook(
            [header, ["Ann", "Lee", "ann@example.org", ""], ["Li", "Wei", "li@", String(repeating: "y", count: 40_000)]],
            to: cli.file("long.xlsx"))
        let tooLong = "the cell under \"Notes\" holds more than 32,767 characters, the most a spreadsheet cell holds; shorten it"

        let verify = try cli.run(["import", "June Maths", "long.xlsx", "--dry-run"])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("  row 3: The \(tooLong.dropFirst(4)); \"li@\" does not look like an e-mail address"))
        let checked = try openpyxlCells(cli.file("long-errors.xlsx"))
        #expect(checked[0] == header + ["Entry GUID", "Error"] && checked[2][5].hasPrefix("The cell under \"Notes\""))

        let imported = try cli.json(["import", "June Maths", "long.xlsx"], as: ImportJSON.self)
        #expect(imported.counts == .init(new: 1, updated: 0, unchanged: 0, errors: 1))
        let job = try #require(imported.job)
        let files = try cli.run(["import", "files", String(job.id.prefix(8)), "--out", "files"])
        #expect(files.status == 0, "\(files.stderr)")
        let completed = try openpyxlCells(cli.file("files/import-\(job.id.prefix(8))-completed.xlsx"))
        #expect(completed.count == 2 && completed[1][0] == "Ann" && completed[1][6].count == 10)
    }

    @Test func aHugeCellInASmallWorkbookIsItsRowsError() throws {
        let cli = try CLI()
        try cli.setUp()
        // 64 MB of text in one inline cell, deflated to some 64 KB: the reader keeps 32,768 characters of it.
        try python3(
            """
            import sys, zipfile
            ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
            rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
            def cell(ref, text): return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
                z.writestr("xl/workbook.xml", f'<workbook {ns} xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" r:id="r1"/></sheets></workbook>')
                z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
                with z.open("xl/worksheets/sheet1.xml", "w") as part:
                    part.write(f'<worksheet {ns}><sheetData><row r="1">{cell("A1", "Given Name")}{cell("B1", "Family Name")}{cell("C1", "Notes")}</row>'.encode())
                    part.write(f'<row r="2">{cell("A2", "Ann")}{cell("B2", "Lee")}</row><row r="3">{cell("A3", "Li")}{cell("B3", "Wei")}<c r="C3" t="inlineStr"><is><t>'.encode())
                    for _ in range(64): part.write(b"z" * (1 << 20))
                    part.write(b'</t></is></c></row></sheetData></worksheet>')
            """, [cli.file("huge.xlsx").path])
        #expect(try FileManager.default.attributesOfItem(atPath: cli.file("huge.xlsx").path)[.size] as? Int ?? .max < 1 << 20)
        let imported = try cli.json(["import", "June Maths", "huge.xlsx"], as: ImportJSON.self)
        #expect(imported.counts == .init(new: 1, updated: 0, unchanged: 0, errors: 1))
        #expect(imported.errors.map(\.row) == [3] && imported.errors[0].message.hasPrefix("The cell under \"Notes\" holds more than 32,767"))
        let job = try #require(imported.job)
        let files = try cli.run(["import", "files", String(job.id.prefix(8)), "--out", "files"])
        #expect(files.status == 0, "\(files.stderr)")
        let errors = try openpyxlCells(cli.file("files/import-\(job.id.prefix(8))-errors.xlsx"))
        #expect(errors.count == 3 && errors[2][2] == String(repeating: "z", count: 1_000))
    }
}
