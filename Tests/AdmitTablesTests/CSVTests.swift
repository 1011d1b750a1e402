import AdmitTables
import Foundation
import Testing

/// CSV files as Excel, LibreOffice and European Excel save them.
@Suite struct CSVTests {
    private func bytes(_ text: String, bom: [UInt8] = []) -> Data {
        Data(bom) + Data(text.utf8)
    }

    @Test func excelCSVUTF8WithBOMAndCRLF() throws {
        let file = bytes(
            "Given Name,Family Name,Date of Birth\r\nZoë,O'Brien,31/05/2008\r\nŁukasz,Nowak,01/02/2009\r\n",
            bom: [0xEF, 0xBB, 0xBF])
        let (table, format) = try TableReader.read(file)
        #expect(format == .csv)
        #expect(table.header == ["Given Name", "Family Name", "Date of Birth"])
        #expect(
            table.rows == [
                Table.Row(number: 2, cells: ["Zoë", "O'Brien", "31/05/2008"]),
                Table.Row(number: 3, cells: ["Łukasz", "Nowak", "01/02/2009"]),
            ])
    }

    @Test func europeanExcelSemicolons() throws {
        let table = try TableReader.csv(bytes("Given Name;Family Name\r\n\"Zoë\";\"O'Brien\"\r\n\"Smith, Jr.\";Lee\r\n"))
        #expect(table.header == ["Given Name", "Family Name"])
        #expect(table.rows.map(\.cells) == [["Zoë", "O'Brien"], ["Smith, Jr.", "Lee"]])
    }

    @Test func excelUnicodeTextIsUTF16LittleEndianTabsAndCRLF() throws {
        let text = "Given Name\tFamily Name\tNote\r\nZoë\tO'Brien\tSmith, Jr.; twin\r\n李\t小龍\t\"said \"\"hi\"\"\"\r\n"
        let file = try #require(text.data(using: .utf16LittleEndian))
        let table = try TableReader.csv(Data([0xFF, 0xFE]) + file)
        #expect(table.header == ["Given Name", "Family Name", "Note"])
        #expect(table.rows.map(\.cells) == [["Zoë", "O'Brien", "Smith, Jr.; twin"], ["李", "小龍", "said \"hi\""]])

        let bigEndian = try #require("Name\r\nZoë\r\n".data(using: .utf16BigEndian))
        #expect(try TableReader.csv(Data([0xFE, 0xFF]) + bigEndian).rows.map(\.cells) == [["Zoë"]])
    }

    @Test func quotedCellsKeepNewlinesAndDoubledQuotesInOneRow() throws {
        let table = try TableReader.csv(
            bytes(
                "Name,Note,Code\r\n\"Ann \"\"Annie\"\" Lee\",\"line one\r\nline two\",7\r\nBob,\"a,b\",8\r\n"))
        #expect(
            table.rows == [
                Table.Row(number: 2, cells: ["Ann \"Annie\" Lee", "line one\nline two", "7"]),
                Table.Row(number: 3, cells: ["Bob", "a,b", "8"]),
            ])
    }

    @Test func blankRowsAreSkippedButKeepTheirNumbers() throws {
        let table = try TableReader.csv(bytes("\r\n,,\r\nName,ID\r\nAnn,1\r\n , \r\n\r\nBob\r\nCy,3,extra\r\n"))
        #expect(table.header == ["Name", "ID"])
        #expect(
            table.rows == [
                Table.Row(number: 4, cells: ["Ann", "1"]),
                Table.Row(number: 7, cells: ["Bob", ""]),
                Table.Row(number: 8, cells: ["Cy", "3", "extra"]),
            ])
    }

    @Test func cellsAreNotTrimmedButLineEndsNeverLeak() throws {
        // Old Mac line ends (a lone CR), LF, CRLF, and no line end at all on the last row.
        let table = try TableReader.csv(bytes("Name,ID\r Ann ,1\nBob,2\r\nCy,3"))
        #expect(table.rows.map(\.cells) == [[" Ann ", "1"], ["Bob", "2"], ["Cy", "3"]])
        #expect(table.rows.map(\.number) == [2, 3, 4])
    }

    @Test func delimiterIsTheOneTheHeadingUsesMost() throws {
        #expect(try TableReader.csv(bytes("Name;Note,x;ID\nAnn;a,b;1\n")).header == ["Name", "Note,x", "ID"])
        #expect(try TableReader.csv(bytes("\"Name;x\",ID\nAnn,1\n")).header == ["Name;x", "ID"])
        // A tie, or no delimiter at all, is a comma.
        #expect(try TableReader.csv(bytes("A;B,C\n1;2,3\n")).header == ["A;B", "C"])
        #expect(try TableReader.csv(bytes("Name\nAnn;Lee\n")).rows.map(\.cells) == [["Ann;Lee"]])
    }

    @Test func windows1252IsReadAndSaidSoAndBytesThatAreNoTextAreRefused() throws {
        // "Zoë Núñez" as Windows-1252 (Excel's plain "CSV" on a Western Windows).
        let legacy = Data("Name\r\nZo".utf8) + Data([0xEB, 0x20, 0x4E, 0xFA, 0xF1, 0x65, 0x7A]) + Data("\r\n".utf8)
        let read = try TableReader.csv(legacy)
        #expect(read.rows.map(\.cells) == [["Zoë Núñez"]] && read.readAs == "Windows-1252")
        #expect(try TableReader.csv(bytes("Name\nZoë\n")).readAs == nil)
        // Chosen: the same bytes as UTF-8 are refused, as Latin-1 read.
        let asUTF8 = try #require(try tableError { try TableReader.csv(legacy, encoding: .utf8) })
        #expect(asUTF8.description == "the file is not UTF-8 text; choose the encoding it was saved in")
        #expect(try TableReader.csv(legacy, encoding: TextEncoding(named: "latin1")).rows.map(\.cells) == [["Zoë Núñez"]])
        #expect(TextEncoding(named: "CP-1252") == .windows1252 && TextEncoding(named: "ebcdic") == nil)

        // 0x81 is no character in Windows-1252 either.
        let error = try #require(try tableError { try TableReader.csv(Data("Name\r\nZo".utf8) + Data([0x81]) + Data("\r\n".utf8)) })
        #expect(error.description == "the file is not text in UTF-8, UTF-16 or Windows-1252; save it as CSV UTF-8")
        #expect(isOneSentence(error.description))
        // UTF-16 without its byte-order mark cannot be told from other bytes.
        let unmarked = try #require("Name\r\nZoë\r\n".data(using: .utf16LittleEndian))
        #expect(try tableError { try TableReader.csv(unmarked) } == error)
        #expect(try TableReader.csv(unmarked, encoding: .utf16).rows.map(\.cells) == [["Zoë"]])
        // An old .xls (a Compound File) is named as such rather than "not text".
        let xls = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 504)
        let old = try #require(try tableError { try TableReader.read(xls).0 })
        #expect(old.description.contains("old-style (.xls)"))
    }

    @Test func quoteNeverClosedNamesTheRowItOpensIn() throws {
        let error = try #require(try tableError { try TableReader.csv(bytes("Name,Note\nAnn,ok\nBob,\"oops\nCy,3\n")) })
        #expect(error.description == "the quote (\") that opens a cell in row 3 is never closed")
    }

    @Test func aFileWithNoHeadingRowIsRefused() throws {
        for file in ["", "\r\n\r\n", ",,\n , \n"] {
            let error = try #require(try tableError { try TableReader.csv(bytes(file)) })
            #expect(error.description == "the file has no heading row")
        }
        // A heading alone is a table with no rows: the caller says what is missing.
        #expect(try TableReader.csv(bytes("Name,ID\r\n")) == Table(header: ["Name", "ID"], rows: []))
    }

    @Test func tooManyColumnsIsRefused() throws {
        let wide = "Name\n" + String(repeating: ",", count: 16_384) + "\n"
        #expect(
            try tableError { try TableReader.csv(bytes(wide)) }?.description
                == "row 2 has more than 16,384 columns, the most a spreadsheet holds")
    }

    @Test func tooManyRowsIsRefused() throws {
        let long = "Name\n" + String(repeating: "\n", count: 1_048_576) + "Ann\n"
        #expect(
            try tableError { try TableReader.csv(bytes(long)) }?.description
                == "the file has more than 1,048,576 rows, the most a spreadsheet holds")
    }

    @Test func tooManyCellsIsRefused() throws {
        // A wide heading pads every short row out to its width.
        let manyCells = String(repeating: "A,", count: 16_383) + "A\n" + String(repeating: "1\n", count: 700)
        #expect(
            try tableError { try TableReader.csv(bytes(manyCells)) }?.description
                == "the table is too large to read: it has more than 500,000 cells")
    }
}
