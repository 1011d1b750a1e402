import AdmitTables
import AdmitTestTools
import Foundation
import Testing

/// Workbooks written part by part (Python's zipfile, XML by hand), for what LibreOffice does not write: inline
/// strings, rich text, the 1904 date system, prefixed XML, several sheets.
@Suite struct HandMadeXLSXTests {
    /// Style 0 General, 1 built-in date (14), 2 custom "dd/mm/yyyy", 3 custom date and time, 4 a number format
    /// with "d" only in quotes (not a date), 5 two decimals.
    private let styles = """
        <numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>\
        <numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/><numFmt numFmtId="166" formatCode="0&quot; days&quot;"/>\
        </numFmts><cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
        <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/>\
        <xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="2"/></cellXfs>
        """

    @Test func cellTypesDatesAndGaps() throws {
        let sharedStrings = """
            <si><t>Given Name</t></si><si><r><t>Family </t></r><r><rPr><b/></rPr><t>Name</t></r></si>\
            <si><t>Date of Birth</t></si><si><r><t xml:space="preserve">O'</t></r><r><t>Brien</t></r></si>\
            <si><t>平野</t><rPh sb="0" eb="2"><t>ひらの</t></rPh></si>
            """
        let rows = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>\
            <c r="D1" t="inlineStr"><is><t>ID</t></is></c><c r="E1" t="inlineStr"><is><r><t>No</t></r><r><t>te</t></r></is></c></row>\
            <row r="3"><c r="A3" t="inlineStr"><is><t>Zoë</t></is></c><c r="B3" t="s"><v>3</v></c>\
            <c r="C3" s="1"><v>39599</v></c><c r="D3"><v>10442</v></c><c r="E3" t="b"><v>1</v></c></row>\
            <row r="4"><c r="A4" t="str"><f>UPPER("ann")</f><v>ANN</v></c><c r="B4" t="s"><v>4</v></c>\
            <c r="C4" s="2"><v>39828</v></c><c r="D4" s="4"><v>1.5</v></c><c r="E4" t="e"><v>#N/A</v></c></row>\
            <row r="5"><c r="A5" t="inlineStr"><is><t>Cy</t></is></c><c r="C5" s="3"><v>39599.604166666664</v></c>\
            <c r="D5" s="5"><v>0.30000000000000004</v></c><c r="F5" s="1"/></row>\
            <row r="6"><c r="B6" t="inlineStr"><is><t>  </t></is></c></row>\
            <row r="7"><c r="A7" t="inlineStr"><is><t>Dee</t></is></c><c r="D7"><v>1.2345678901234E+14</v></c>\
            <c r="E7"><v>-3</v></c></row>
            """
        let workbook = HandMadeWorkbook(sheets: [("Roster", rows)], sharedStrings: sharedStrings, styles: styles)
        let table = try TableReader.xlsx(try workbook.data())
        #expect(table.header == ["Given Name", "Family Name", "Date of Birth", "ID", "Note"])
        #expect(
            table.rows == [
                Table.Row(number: 3, cells: ["Zoë", "O'Brien", "2008-05-31", "10442", "TRUE"]),
                Table.Row(number: 4, cells: ["ANN", "平野", "2009-01-15", "1.5", "#N/A"]),
                Table.Row(number: 5, cells: ["Cy", "", "2008-05-31 14:30", "0.3", ""]),
                Table.Row(number: 7, cells: ["Dee", "", "", "123456789012340", "-3"]),
            ])
    }

    /// Excel's `_xHHHH_` escapes, as it (and libxlsxwriter) write a control character; `_x005F_` keeps a literal `_x`.
    @Test func escapedCharactersReadAsThemselves() throws {
        let rows = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>Note</t></is></c></row>            <row r="2"><c r="A2" t="inlineStr"><is><t>line_x000D_break</t></is></c></row>            <row r="3"><c r="A3" t="s"><v>0</v></c></row>            <row r="4"><c r="A4" t="inlineStr"><is><t>_x005F_x0041_ and _xZZ_</t></is></c></row>
            """
        let workbook = HandMadeWorkbook(sheets: [("Roster", rows)], sharedStrings: "<si><t>tab_x0009_here</t></si>", styles: styles)
        let table = try TableReader.xlsx(try workbook.data())
        #expect(table.rows.map(\.cells) == [["line\rbreak"], ["tab\there"], ["_x0041_ and _xZZ_"]])
    }

    @Test func datesIn1904WorkbooksAndWorkbooksWithoutOptionalParts() throws {
        let rows = """
            <row><c t="inlineStr"><is><t>Name</t></is></c><c t="inlineStr"><is><t>Date of Birth</t></is></c></row>\
            <row><c t="inlineStr"><is><t>Zoë</t></is></c><c s="1"><v>38137</v></c></row>
            """
        let mac = HandMadeWorkbook(sheets: [("Sheet1", rows)], styles: styles, date1904: true)
        #expect(try TableReader.xlsx(try mac.data()).rows == [Table.Row(number: 2, cells: ["Zoë", "2008-05-31"])])
        // No styles part: the same number is just a number. No shared strings part: inline strings still read.
        let plain = HandMadeWorkbook(sheets: [("Sheet1", rows)])
        #expect(try TableReader.xlsx(try plain.data()).rows == [Table.Row(number: 2, cells: ["Zoë", "38137"])])
    }

    @Test func sheetIsChosenByNameElseTheFirstVisibleOne() throws {
        func sheet(_ heading: String) -> String {
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\(heading)</t></is></c></row>"
        }
        let workbook = try HandMadeWorkbook(sheets: [("Staff", sheet("Teacher")), ("Year 9", sheet("Student"))]).data()
        #expect(try TableReader.xlsx(workbook).header == ["Teacher"])
        #expect(try TableReader.xlsx(workbook, sheet: "Year 9").header == ["Student"])
        #expect(try TableReader.read(workbook, sheet: "year 9").0.header == ["Student"])
        let error = try #require(try tableError { try TableReader.xlsx(workbook, sheet: "Year 10") })
        #expect(error.description == "the workbook has no sheet named \"Year 10\"; it has: Staff, Year 9")
        #expect(isOneSentence(error.description))
    }

    @Test func prefixedXMLReadsLikePlainXML() throws {
        // Some generators write every element with a prefix: <x:row>, <x:c>.
        let rows = """
            <x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="2">\
            <x:c r="B2" t="inlineStr"><x:is><x:t>Name</x:t></x:is></x:c></x:row>\
            <x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="3">\
            <x:c r="B3" t="inlineStr"><x:is><x:t>Zoë</x:t></x:is></x:c></x:row>
            """
        let table = try TableReader.xlsx(try HandMadeWorkbook(sheets: [("S", rows)]).data())
        #expect(table == Table(header: ["", "Name"], rows: [Table.Row(number: 3, cells: ["", "Zoë"])]))
    }

    @Test func sheetsOverTenMegabytesRead() throws {
        // libxml2 refuses a document over 10 MB handed to it in one piece; a sheet of 40,000 rows is that big.
        let note = String(repeating: "n", count: 1_000)
        let rows =
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Name</t></is></c></row>"
            + (2...12_001).map {
                "<row r=\"\($0)\"><c r=\"A\($0)\" t=\"inlineStr\"><is><t>\($0)</t></is></c><c r=\"B\($0)\" t=\"inlineStr\"><is><t>\(note)</t></is></c></row>"
            }.joined()
        #expect(rows.utf8.count > 12_000_000)
        let table = try TableReader.xlsx(try HandMadeWorkbook(sheets: [("Roster", rows)]).data())
        #expect(table.rows.count == 12_000)
        #expect(table.rows.last == Table.Row(number: 12_001, cells: ["12001", note]))
    }

    @Test func zip64WorkbooksRead() throws {
        // Python writes the ZIP64 end records for more than 65,535 entries, and ZIP64 fields where forced.
        let workbook = try HandMadeWorkbook(sheets: [
            (
                "Roster",
                """
                <row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>\
                <row r="2"><c r="A2" t="inlineStr"><is><t>Zoë</t></is></c></row>
                """
            )
        ]).data()
        let zip64 = try python3(
            """
            import io, sys, zipfile
            source = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
                for item in source.infolist():
                    with z.open(item.filename, "w", force_zip64=True) as part:
                        part.write(source.read(item))
                for n in range(65536):
                    z.writestr(f"padding/{n}", b"")
            sys.stdout.buffer.write(out.getvalue())
            """, input: workbook)
        #expect(zip64.range(of: Data("PK\u{6}\u{6}".utf8)) != nil)
        #expect(try TableReader.xlsx(zip64) == Table(header: ["Name"], rows: [Table.Row(number: 2, cells: ["Zoë"])]))
    }

    @Test func anEmptySheetHasNoHeadingRow() throws {
        let workbook = try HandMadeWorkbook(sheets: [("Roster", "<row r=\"1\"><c r=\"A1\" s=\"1\"/></row>")]).data()
        #expect(
            try tableError { try TableReader.xlsx(workbook) }?.description
                == "the sheet \"Roster\" has no heading row")
    }
}
