import AdmitTables
import Foundation
import ZIPFoundation

/// How one fuzz input is fed to the readers, the same way by the fuzz targets (Fuzz/, which compile this file)
/// and by the regression test. A reader may return or throw a TableError; anything else it throws is returned
/// here as a finding, and a crash ends the process.
enum FuzzInput {
    /// The text readers: CSV (by content and as CSV) and pasted rows. Reading by content leaves ZIPs out: they go to
    /// the XLSX reader, which `workbook` exercises, and would slow this fuzzer down tenfold.
    static func text(_ data: Data) -> [String] {
        findings { if !data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { _ = try TableReader.read(data) } }
            + findings { _ = try TableReader.csv(data) }
            + findings { _ = try TableReader.pasted(data) }
    }

    /// The XLSX reader. A ZIP is read as it is; any other input becomes a workbook whose parts are its pieces
    /// split at NUL bytes (sheet, shared strings, styles, workbook.xml), so mutations reach the XML readers instead
    /// of stopping at a ZIP checksum.
    static func workbook(_ data: Data) -> [String] {
        let file = data.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? data : (try? workbook(parts: data)) ?? data
        return findings { _ = try TableReader.xlsx(file) } + findings { _ = try TableReader.xlsx(file, sheet: "two") }
    }

    private static func findings(_ read: () throws -> Void) -> [String] {
        do {
            try read()
        } catch is TableError {
        } catch {
            return ["\(type(of: error)): \(error)"]
        }
        return []
    }

    private static func workbook(parts data: Data) throws -> Data {
        let pieces = data.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false).map { Data($0) }
        func piece(_ index: Int, or fallback: String) -> Data { index < pieces.count ? pieces[index] : Data(fallback.utf8) }
        let main = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let parts: [(String, Data)] = [
            (
                "_rels/.rels",
                Data(
                    """
                    <Relationships><Relationship Id="rId1" Type="\(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>
                    """.utf8)
            ),
            (
                "xl/_rels/workbook.xml.rels",
                Data(
                    """
                    <Relationships><Relationship Id="rId1" Type="\(relationships)/worksheet" Target="worksheets/sheet1.xml"/>\
                    <Relationship Id="rId2" Type="\(relationships)/worksheet" Target="/xl/worksheets/sheet1.xml"/>\
                    <Relationship Id="rId3" Type="\(relationships)/sharedStrings" Target="sharedStrings.xml"/>\
                    <Relationship Id="rId4" Type="\(relationships)/styles" Target="styles.xml"/></Relationships>
                    """.utf8)
            ),
            ("xl/worksheets/sheet1.xml", piece(0, or: "")),
            ("xl/sharedStrings.xml", piece(1, or: "<sst \(main)><si><t>a</t></si></sst>")),
            ("xl/styles.xml", piece(2, or: "<styleSheet \(main)><cellXfs><xf numFmtId=\"14\"/></cellXfs></styleSheet>")),
            (
                "xl/workbook.xml",
                piece(
                    3,
                    or: """
                        <workbook \(main) xmlns:r="\(relationships)"><sheets><sheet name="one" r:id="rId1"/>\
                        <sheet name="two" r:id="rId2"/></sheets></workbook>
                        """)
            ),
        ]
        let archive = try Archive(accessMode: .create)
        for (path, contents) in parts {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(contents.count),
                compressionMethod: .none
            ) { position, size in
                contents.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }
}
