import AdmitTables
import Foundation
import Testing

/// Rows pasted on standard input as copied from Excel or LibreOffice: tab-separated, quoted only where a cell has
/// a newline, a tab or a quote.
@Suite struct PastedTests {
    @Test func rowsCopiedFromASpreadsheet() throws {
        let clipboard =
            "Given Name\tFamily Name\tNote\r\nZoë\tO'Brien\tSmith, Jr.; twin\r\n"
            + "\"Ann\nMarie\"\tLee\t\"said \"\"hi\"\"\"\r\n"
        let table = try TableReader.pasted(Data(clipboard.utf8))
        #expect(table.header == ["Given Name", "Family Name", "Note"])
        #expect(
            table.rows == [
                Table.Row(number: 2, cells: ["Zoë", "O'Brien", "Smith, Jr.; twin"]),
                Table.Row(number: 3, cells: ["Ann\nMarie", "Lee", "said \"hi\""]),
            ])
    }

    @Test func terminalPasteWithLineFeedsAndTrailingBlankLines() throws {
        let table = try TableReader.pasted(Data("Name\tID\nAnn\t1\n\nBob\n\n\n".utf8))
        #expect(table.rows == [Table.Row(number: 2, cells: ["Ann", "1"]), Table.Row(number: 4, cells: ["Bob", ""])])
    }

    @Test func nothingPastedHasNoHeadingRow() throws {
        #expect(
            try tableError { try TableReader.pasted(Data("\n\t\n".utf8)) }?.description
                == "the pasted text has no heading row")
    }
}
