import AdmitTables
import Foundation
import Testing

/// What a reader keeps of a file is bounded while it streams: a cell past Excel's 32,767 characters is cut to one
/// more (so the importer can tell and say so on its row), and a small workbook cannot expand into a huge table.
@Suite struct ReadingLimitsTests {
    private func sheet(_ cells: String) -> String {
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Name</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Notes</t></is></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Zoë</t></is></c>\(cells)</row>"
    }

    @Test func aCellPastExcelsLimitIsCutToOneCharacterMore() throws {
        let long = String(repeating: "é", count: 40_000)
        let csv = try TableReader.csv(Data("Name,Notes\nZoë,\(long)\n".utf8))
        #expect(csv.rows[0].cells[1].unicodeScalars.count == 32_768)

        let inline = HandMadeWorkbook(sheets: [("S", sheet("<c r=\"B2\" t=\"inlineStr\"><is><t>\(long)</t></is></c>"))])
        #expect(try TableReader.xlsx(inline.data()).rows[0].cells[1] == String(repeating: "é", count: 32_768))

        var shared = HandMadeWorkbook(sheets: [("S", sheet("<c r=\"B2\" t=\"s\"><v>0</v></c>"))])
        shared.sharedStrings = "<si><t>\(long)</t></si>"
        #expect(try TableReader.xlsx(shared.data()).rows[0].cells[1].unicodeScalars.count == 32_768)

        // Short cells, and those exactly at the limit, are whole.
        let atLimit = String(repeating: "x", count: 32_767)
        #expect(try TableReader.csv(Data("Name,Notes\nZoë,\(atLimit)\n".utf8)).rows[0].cells == ["Zoë", atLimit])
    }

    @Test func oneHugeCellIsReadWithoutKeepingIt() throws {
        // 20 MB of text in one inline cell, a few KB deflated: streamed from the unpacked part, cut as it arrives.
        let huge = HandMadeWorkbook(sheets: [
            ("S", sheet("<c r=\"B2\" t=\"inlineStr\"><is><t>\(String(repeating: "a", count: 20 << 20))</t></is></c>"))
        ])
        let data = try huge.data()
        #expect(data.count < 100_000)
        let table = try TableReader.xlsx(data)
        #expect(table.rows.count == 1 && table.rows[0].cells[0] == "Zoë" && table.rows[0].cells[1].count == 32_768)
    }

    @Test func aSharedStringCountsEveryTimeACellUsesIt() throws {
        // One 30,000-character string under every row: 1,200 rows expand to 36 MB, past the 16 MiB a table may hold.
        var workbook = HandMadeWorkbook(sheets: [
            (
                "S",
                "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Name</t></is></c></row>"
                    + (2...1_201).map { "<row r=\"\($0)\"><c r=\"A\($0)\" t=\"s\"><v>0</v></c></row>" }.joined()
            )
        ])
        workbook.sharedStrings = "<si><t>\(String(repeating: "x", count: 30_000))</t></si>"
        let error = try #require(try tableError { try TableReader.xlsx(workbook.data()) })
        #expect(
            error.description
                == "the table is too large to read: its cells hold more than 16 MiB of text (a shared cell counted each time it is used)")
        #expect(isOneSentence(error.description))
    }

    @Test func textSplitBetweenUnpackedChunksReadsWhole() throws {
        // "aé" is 3 bytes: the unpacking chunks (powers of two) end inside an "é" somewhere in 200 KB of them.
        let text = String(repeating: "aé", count: 10_000)
        let rows = (2...11).map { "<row r=\"\($0)\"><c r=\"A\($0)\" t=\"inlineStr\"><is><t>\(text)</t></is></c></row>" }.joined()
        let workbook = HandMadeWorkbook(sheets: [("S", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Name</t></is></c></row>" + rows)])
        let table = try TableReader.xlsx(workbook.data())
        #expect(table.rows.count == 10 && table.rows.allSatisfy { $0.cells == [text] })
    }
}
