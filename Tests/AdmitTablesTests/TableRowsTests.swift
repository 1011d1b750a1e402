import AdmitTables
import Foundation
import Testing

/// A big roster is read row by row, as often as the import needs, instead of held: each read gives the rows the
/// whole table has, and a file the reader refuses is refused before any row is handed on.
@Suite struct TableRowsTests {
    private func rows(of table: TableRows) throws -> [Table.Row] {
        var rows: [Table.Row] = []
        try table.forEachRow { rows.append($0) }
        return rows
    }

    @Test func csvRowsReadAgainAreTheTablesRows() throws {
        let file = Data([0xEF, 0xBB, 0xBF] + Array("Given Name;Family Name\r\n\r\n\"Zoë\";\"O'Brien\"\r\n\"Smith, Jr.\";Lee;x\r\nAnn\r\n".utf8))
        let (table, format) = try TableReader.read(file)
        let read = try TableReader.rows(file)
        #expect(format == .csv && read.format == .csv && read.readAs == nil)
        #expect(read.header == table.header && read.count == 3)
        #expect(try rows(of: read) == table.rows)
        #expect(try rows(of: read) == table.rows, "read a second time")
    }

    @Test func legacyTextIsReadAsTheTableReadsIt() throws {
        let file = Data([0x4E, 0x61, 0x6D, 0x65, 0x0A, 0x5A, 0x6F, 0xEB, 0x0A])
        let read = try TableReader.rows(file)
        #expect(read.readAs == "Windows-1252" && read.header == ["Name"])
        #expect(try rows(of: read).map(\.cells) == [["Zoë"]])
    }

    @Test func workbookRowsReadAgainAreTheTablesRows() throws {
        let workbook = try HandMadeWorkbook(
            sheets: [
                (
                    "Roster",
                    """
                    <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>\
                    <row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" t="inlineStr"><is><t>O'Brien</t></is></c></row>\
                    <row r="4"><c r="B4" t="s"><v>2</v></c></row>
                    """
                )
            ], sharedStrings: "<si><t>Given Name</t></si><si><t>Family Name</t></si><si><t>Zoë</t></si>"
        ).data()
        let table = try TableReader.xlsx(workbook)
        let read = try TableReader.rows(workbook)
        #expect(read.format == .xlsx && read.header == ["Given Name", "Family Name"] && read.count == 2)
        #expect(try rows(of: read) == table.rows && table.rows.map(\.number) == [3, 4])
        #expect(try rows(of: read) == table.rows, "read a second time")
    }

    @Test func pastedRowsAreTabSeparated() throws {
        let read = try TableReader.pastedRows(Data("Given Name\tFamily Name\nZoë\tSmith, Jr.\n".utf8))
        #expect(read.format == .pasted && read.header == ["Given Name", "Family Name"])
        #expect(try rows(of: read).map(\.cells) == [["Zoë", "Smith, Jr."]])
    }

    @Test func refusalsComeBeforeAnyRow() throws {
        for file in ["Name\nAnn\n\"Lee\n", "\n \n"] {
            let expected = try #require(try tableError { try TableReader.csv(Data(file.utf8)) })
            #expect(throws: expected) { try TableReader.rows(Data(file.utf8)) }
        }
    }
}
