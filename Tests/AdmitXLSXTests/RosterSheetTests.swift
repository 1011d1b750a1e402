import AdmitCSV
import AdmitCore
import Foundation
import Testing

@testable import AdmitXLSX

@Suite struct RosterSheetTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-xlsx-\(UUID())")
    let heading = SheetHeading(sessionName: "June Maths & Physics", institutionCode: "GB042", institutionName: "Northfield College")

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    func rows(_ count: Int) -> [CredentialRow] {
        (1...count).map { number in
            CredentialRow(
                number: number, entryID: UUID(), username: "USER\(number)", password: number == 2 ? nil : "PASS\(number)",
                institutionCode: "GB042", state: number == 2 ? .withdrawn : .issued, sessionName: heading.sessionName,
                candidate: number == 3 ? "María García-Núñez · 10442" : nil)
        }
    }

    func roster(_ count: Int) throws -> URL {
        let file = folder.appendingPathComponent("roster.xlsx")
        try CredentialWorkbook.write(rows(count), to: file, heading: heading)
        return file
    }

    @Test func theTableReadsBackRowForRow() throws {
        let cells: [[String?]] = try openpyxl(
            try roster(3),
            """
            ws = wb["Roster"]
            result = [[None if c is None else str(c) for c in row] for row in ws.iter_rows(values_only=True)]
            """)
        #expect(
            cells == [
                ["#", "Username", "Password", "Candidate", "Institution ID", "State", "Session"],
                ["1", "USER1", "PASS1", nil, "GB042", "issued", "June Maths & Physics"],
                ["2", "USER2", nil, nil, "GB042", "withdrawn", "June Maths & Physics"],
                ["3", "USER3", "PASS3", "María García-Núñez · 10442", "GB042", "issued", "June Maths & Physics"],
            ])
    }

    @Test func thePrintSetupFitsOnePageWideAndRepeatsTheHeader() throws {
        let setup: [String: String] = try openpyxl(
            try roster(120),
            """
            ws = wb["Roster"]
            result = {
                "paper": str(ws.page_setup.paperSize), "orientation": str(ws.page_setup.orientation),
                "fitToWidth": str(ws.page_setup.fitToWidth), "fitToHeight": str(ws.page_setup.fitToHeight),
                "fitToPage": str(ws.sheet_properties.pageSetUpPr.fitToPage),
                "titles": str(ws.print_title_rows), "freeze": str(ws.freeze_panes), "filter": str(ws.auto_filter.ref),
                "header": ws.oddHeader.left.text + "|" + ws.oddHeader.right.text, "footer": ws.oddFooter.right.text,
                "font": ws["B2"].font.name, "passwordFont": ws["C2"].font.name, "stateFont": ws["F2"].font.name,
                "gridlines": str(ws.print_options.gridLines),
            }
            """)
        #expect(setup["paper"] == "9")  // A4
        #expect(setup["orientation"] == "portrait")
        // fitToWidth="1" is the schema's default, which libxlsxwriter leaves out; openpyxl then reads None.
        #expect(setup["fitToPage"] == "True" && ["1", "None"].contains(setup["fitToWidth"]) && setup["fitToHeight"] == "0")
        #expect(setup["titles"] == "$1:$1")
        #expect(setup["freeze"] == "A2")
        #expect(setup["filter"] == "A1:G121")
        #expect(setup["header"] == "June Maths && Physics|GB042 · Northfield College")
        #expect(setup["footer"] == "Page &P of &N")
        #expect(setup["font"] == "Courier New" && setup["passwordFont"] == "Courier New" && setup["stateFont"] != "Courier New")
        #expect(setup["gridlines"] == "True")
    }

    @Test func anUnwritablePathIsOneSentenceFromTheLibrary() throws {
        let error = #expect(throws: XLSXError.self) {
            let sheet = try CredentialWorkbook(path: folder.appendingPathComponent("missing/roster.xlsx"), heading: heading, measure: SheetMeasure())
            try sheet.close()
        }
        #expect(error?.description.contains("cannot be created") == true)
    }
}

@Suite struct RosterCSVTests {
    @Test func formulaLikeCellsAreDefused() {
        for cell in ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"] {
            #expect(CSVFile.guarded(cell) == "'" + cell)
        }
        #expect(CSVFile.guarded("K7QM4XPA") == "K7QM4XPA")
        #expect(CSVFile.guarded("") == "")
    }

    @Test func theFileQuotesWhatNeedsQuotingAndEndsLinesWithCRLF() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("admit-\(UUID()).csv")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let csv = try RosterCSV(path: file)
        try csv.add(
            CredentialRow(
                number: 1, entryID: UUID(), username: "K7QM4XPA", password: "9RXW2MNB7C",
                institutionCode: "GB042", state: .issued, sessionName: "=HYPERLINK(\"x\"), June"))
        try csv.add(
            CredentialRow(
                number: 2, entryID: UUID(), username: "P3JW8XKD", password: nil, institutionCode: "GB042",
                state: .withdrawn, sessionName: "June", candidate: "Maria Garcia · 10442"))
        try csv.close()
        // A byte-order mark first, so that Excel shows "Maria García", not "Maria GarcÃ­a" (Foundation reads past it).
        #expect(try Data(contentsOf: file).prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(
            try String(contentsOf: file, encoding: .utf8) == "#,Username,Password,Candidate,Institution ID,State,Session\r\n"
                + "1,K7QM4XPA,9RXW2MNB7C,,GB042,issued,\"'=HYPERLINK(\"\"x\"\"), June\"\r\n"
                + "2,P3JW8XKD,,Maria Garcia · 10442,GB042,withdrawn,June\r\n")
    }
}
