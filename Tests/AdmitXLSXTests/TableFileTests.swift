import AdmitCSV
import AdmitTestTools
import Foundation
import Testing

@testable import AdmitXLSX

@Suite struct TableFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-table-\(UUID())")
    let header = ["Entry GUID", "Candidate Number", "Given Name", "Error"]
    let rows = [
        ["3f2c9a1e-7b4d-4e8a-9c61-0d5e2b7f8a10", "007", "=1+1", ""],
        ["", "1.50E+3", "Zoë \"Zed\", Jr.", "Family Name is required"],
        ["", "10442", "two\nlines", ""],
    ]

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    /// An empty 0600 file, as the import job creates it before handing it over.
    func privateFile(_ name: String) throws -> URL {
        let file = folder.appendingPathComponent(name)
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]))
        return file
    }

    @Test func everyCellComesBackAsTheSameText() throws {
        let file = try privateFile("errors.xlsx")
        try TableFile.writeXLSX(header: header, rows: rows, sheetName: "Errors", highlightColumn: "Error", to: file)
        #expect(try posixMode(file) == 0o600)
        struct Cell: Decodable, Equatable {
            var value: String?
            var type: String
        }
        let cells: [[Cell]] = try openpyxl(
            file,
            """
            ws = wb["Errors"]
            result = [[{"value": c.value, "type": c.data_type} for c in row] for row in ws.iter_rows()]
            """)
        #expect(cells.map { $0.map { $0.value ?? "" } } == [header] + rows)
        // Strings, never numbers or formulas; empty cells left blank.
        #expect(cells[1][1] == Cell(value: "007", type: "s") && cells[1][2] == Cell(value: "=1+1", type: "s"))
        #expect(cells[2][1] == Cell(value: "1.50E+3", type: "s"))
        #expect(cells[1][3].value == nil)
    }

    @Test func theErrorColumnStandsOutAndTheHeaderIsFrozenAndFiltered() throws {
        let file = try privateFile("errors.xlsx")
        try TableFile.writeXLSX(header: header, rows: rows, sheetName: "Errors", highlightColumn: "Error", to: file)
        let look: [String: String] = try openpyxl(
            file,
            """
            ws = wb["Errors"]
            fill = lambda c: c.fill.fgColor.rgb if c.fill.fill_type == "solid" else "none"
            result = {"flagged": fill(ws["D3"]), "flaggedBold": str(ws["D3"].font.b), "plain": fill(ws["B3"]),
                      "header": fill(ws["A1"]) + " " + str(ws["A1"].font.b), "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                      "guidWidth": str(ws.column_dimensions["A"].width), "format": ws["B2"].number_format}
            """)
        #expect(look["flagged"] == "FFFFC7CE" && look["flaggedBold"] == "True")
        #expect(look["plain"] == "none")
        #expect(look["header"] == "FFD9D9D9 True")
        #expect(look["freeze"] == "A2" && look["filter"] == "A1:D4")
        #expect(look["format"] == "@")
        #expect(Double(look["guidWidth"] ?? "") ?? 0 >= 36, "a GUID shows whole")
    }

    @Test func theCSVHasAByteOrderMarkCRLFAndDefusedFormulas() throws {
        let file = try privateFile("errors.csv")
        try TableCSV.write(header: header, rows: rows, to: file)
        #expect(try posixMode(file) == 0o600)
        let data = try Data(contentsOf: file)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(
            String(decoding: data.dropFirst(3), as: UTF8.self) == """
                Entry GUID,Candidate Number,Given Name,Error\r
                3f2c9a1e-7b4d-4e8a-9c61-0d5e2b7f8a10,007,'=1+1,\r
                ,1.50E+3,"Zoë ""Zed"", Jr.",Family Name is required\r
                ,10442,"two
                lines",\r\n
                """)
    }
}
