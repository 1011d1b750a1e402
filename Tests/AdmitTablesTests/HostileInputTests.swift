import AdmitTables
import AdmitTestTools
import Foundation
import Testing

/// Uploads can come from anywhere: damaged, cut short, or made to exhaust memory. Each is refused with one
/// sentence, quickly, and never crashes the reader.
@Suite struct HostileInputTests {
    private let roster = HandMadeWorkbook(sheets: [
        (
            "Roster",
            """
            <row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>\
            <row r="2"><c r="A2" t="inlineStr"><is><t>Zoë</t></is></c></row>
            """
        )
    ])

    /// A workbook whose sheet part is `size` bytes of zeros, deflated to a thousandth of that; with `lying`, its
    /// directory claims the part is 1,000 bytes, so only counting while unpacking can catch it.
    private func zipBomb(size: Int, lying: Bool) throws -> Data {
        let valid = try roster.data()
        return try python3(
            """
            import io, sys, zipfile
            size, lying = int(sys.argv[1]), sys.argv[2] == "1"
            source = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
                for item in source.infolist():
                    if item.filename != "xl/worksheets/sheet1.xml":
                        z.writestr(item.filename, source.read(item))
                with z.open("xl/worksheets/sheet1.xml", "w") as part:
                    chunk = bytes(1 << 20)
                    for _ in range(size >> 20):
                        part.write(chunk)
            data = bytearray(out.getvalue())
            if lying:
                name = b"xl/worksheets/sheet1.xml"
                for signature, offset in ((b"PK\\x01\\x02", 24), (b"PK\\x03\\x04", 22)):
                    at = data.find(signature)
                    while at >= 0:
                        header = 46 if signature == b"PK\\x01\\x02" else 30
                        if data[at + header:at + header + len(name)] == name:
                            data[at + offset:at + offset + 4] = (1000).to_bytes(4, "little")
                        at = data.find(signature, at + 4)
            sys.stdout.buffer.write(data)
            """, ["\(size)", lying ? "1" : "0"], input: valid)
    }

    @Test(arguments: [false, true])
    func zipBombIsRefused(lying: Bool) throws {
        let bomb = try zipBomb(size: 300 << 20, lying: lying)
        #expect(bomb.count < 2 << 20)
        let error = try #require(try tableError { try TableReader.read(bomb).0 })
        #expect(error.description == "the workbook is too large to read: a part of it is bigger than 256 MiB unpacked")
    }

    @Test func zip64OffsetsBeyondAnyRealFileAreRefused() throws {
        // The first directory entry's local header offset moved to a ZIP64 field holding 2^63.
        let crafted = try python3(
            """
            import struct, sys
            d = bytearray(sys.stdin.buffer.read())
            end = d.rfind(b"PK\\x05\\x06")
            count, size, start = struct.unpack("<HII", d[end + 10:end + 20])
            names, extras, comments = struct.unpack("<HHH", d[start + 28:start + 34])
            entry = bytearray(d[start:start + 46 + names])
            entry[42:46] = b"\\xff\\xff\\xff\\xff"
            entry[30:32] = struct.pack("<H", 12)
            entry += struct.pack("<HHQ", 1, 8, 1 << 63)
            directory = entry + d[start + 46 + names + extras + comments:end]
            tail = bytearray(d[end:])
            tail[12:16] = struct.pack("<I", len(directory))
            sys.stdout.buffer.write(d[:start] + directory + tail)
            """, input: try roster.data())
        #expect(
            try tableError { try TableReader.xlsx(crafted) }?.description
                == "the file is not a readable XLSX workbook (it may be damaged or cut short)")
    }

    @Test func garbageIsRefused() throws {
        var generator = SystemRandomNumberGenerator()
        let random = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        #expect(
            try tableError { try TableReader.read(random).0 }?.description
                == "the file is not text in UTF-8, UTF-16 or Windows-1252; save it as CSV UTF-8")
        let error = try #require(try tableError { try TableReader.read(Data([0x50, 0x4B, 3, 4]) + random).0 })
        #expect(error.description == "the file is not a readable XLSX workbook (it may be damaged or cut short)")
        #expect(isOneSentence(error.description))
    }

    @Test(arguments: [0.1, 0.5, 0.9, 0.99])
    func truncatedWorkbookIsRefused(keeping fraction: Double) throws {
        let workbook = try roster.data()
        let cut = workbook.prefix(Int(Double(workbook.count) * fraction))
        let error = try #require(try tableError { try TableReader.read(cut).0 })
        #expect(error.description == "the file is not a readable XLSX workbook (it may be damaged or cut short)")
    }

    @Test func damagedPartsAreRefused() throws {
        // A flipped byte in a part fails its checksum or its inflation.
        var flipped = try roster.data()
        let sheet = try #require(flipped.range(of: Data("xl/worksheets/sheet1.xml".utf8)))
        flipped[sheet.upperBound + 2] ^= 0xFF
        #expect(try tableError { try TableReader.xlsx(flipped) } != nil)

        let zipOfText = try zipArchive(["notes.txt": "hello"])
        #expect(
            try tableError { try TableReader.xlsx(zipOfText) }?.description
                == "the file is a ZIP archive but not an XLSX workbook; save it as .xlsx or CSV UTF-8")
        let broken = try HandMadeWorkbook(sheets: [("Roster", "<row><c><v>1</v></row>")]).data()
        #expect(
            try tableError { try TableReader.xlsx(broken) }?.description
                == "the workbook is damaged: its part xl/worksheets/sheet1.xml cannot be read")
    }

    @Test func entityExpansionIsRefused() throws {
        // A billion laughs: ten entities, each ten of the one before.
        let entities = (1...9).map { "<!ENTITY lol\($0) \"\(String(repeating: "&lol\($0 - 1);", count: 10))\">" }
        let bomb =
            "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY lol0 \"lol\">\(entities.joined())]>"
            + "<sst><si><t>&lol9;</t></si></sst>"
        let data = try zipArchive([
            "_rels/.rels": "<Relationships><Relationship Id=\"r\" Type=\"x/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
            "xl/workbook.xml": "<workbook><sheets><sheet name=\"S\" r:id=\"a\" xmlns:r=\"r\"/></sheets></workbook>",
            "xl/_rels/workbook.xml.rels": """
            <Relationships><Relationship Id="a" Type="x/worksheet" Target="sheet.xml"/>\
            <Relationship Id="b" Type="x/sharedStrings" Target="strings.xml"/></Relationships>
            """,
            "xl/sheet.xml": "<worksheet><sheetData><row><c t=\"s\"><v>0</v></c></row></sheetData></worksheet>",
            "xl/strings.xml": bomb,
        ])
        #expect(
            try tableError { try TableReader.xlsx(data) }?.description
                == "the workbook is damaged: its part xl/strings.xml cannot be read")
    }

    @Test func referencesBeyondASpreadsheetAreRefused() throws {
        func table(_ rows: String) throws -> TableError? {
            try tableError { try TableReader.xlsx(try HandMadeWorkbook(sheets: [("Roster", rows)]).data()) }
        }
        let name = "<c r=\"A1\" t=\"inlineStr\"><is><t>Name</t></is></c>"
        #expect(
            try table("<row r=\"1\">\(name)<c r=\"XFE1\"><v>1</v></c></row>")?.description
                == "row 1 has more than 16,384 columns, the most a spreadsheet holds")
        #expect(
            try table("<row r=\"1\">\(name)<c r=\"\(String(repeating: "Z", count: 40))1\"><v>1</v></c></row>")?.description
                == "row 1 has more than 16,384 columns, the most a spreadsheet holds")
        #expect(
            try table("<row r=\"1\">\(name)</row><row r=\"1048577\">\(name)</row>")?.description
                == "the sheet \"Roster\" has more than 1,048,576 rows, the most a spreadsheet holds")
        #expect(
            try table("<row r=\"99999999999999999999999\">\(name)</row>")?.description
                == "the workbook is damaged: its part xl/worksheets/sheet1.xml cannot be read")
        // Exactly at the limits is fine: Excel's last cell.
        #expect(try table("<row r=\"1048576\">\(name)<c r=\"XFD1048576\"><v>1</v></c></row>") == nil)
    }

    @Test func sparseFarOffCellsCannotExhaustMemory() throws {
        // Each row is one cell in Excel's last column: 16,384 cells a row once padded.
        let rows = (1...700).map { "<row r=\"\($0)\"><c r=\"XFD\($0)\"><v>1</v></c></row>" }.joined()
        let error = try #require(try tableError { try TableReader.xlsx(try HandMadeWorkbook(sheets: [("S", rows)]).data()) })
        #expect(error.description == "the table is too large to read: it has more than 500,000 cells")
    }
}
