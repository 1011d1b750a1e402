import AdmitTables
import AdmitTestTools
import Foundation

/// The TableError a read throws, or nil when it reads (any other error fails the test where it is thrown).
func tableError(_ read: () throws -> Table) throws -> TableError? {
    do {
        _ = try read()
        return nil
    } catch let error as TableError {
        return error
    }
}

/// Whether a message is one sentence a caller can put after a file name: no line break, no full stop inside.
func isOneSentence(_ message: String) -> Bool {
    !message.isEmpty && !message.contains("\n") && !message.contains(". ") && !message.hasSuffix(".")
}

/// A folder of its own under the temporary directory, removed with `defer`.
func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-tables-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// A ZIP archive of `parts` (path → contents) as Python's zipfile writes it, deflated.
func zipArchive(_ parts: [String: String]) throws -> Data {
    let json = try JSONSerialization.data(withJSONObject: parts, options: [.sortedKeys])
    return try python3(
        """
        import io, json, sys, zipfile
        parts = json.load(sys.stdin)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for path, text in parts.items():
                z.writestr(path, text)
        sys.stdout.buffer.write(out.getvalue())
        """, input: json)
}

/// A workbook written by hand, part by part, as the XLSX parts Excel writes (sheets in tab order).
struct HandMadeWorkbook {
    var sheets: [(name: String, xml: String)]
    var sharedStrings: String?
    var styles: String?
    var date1904 = false

    func data() throws -> Data {
        let spreadsheetML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var parts: [String: String] = [
            "[Content_Types].xml": """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>
            """,
            "_rels/.rels": """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """,
        ]
        var links: [String] = []
        var sheetList = ""
        for (index, sheet) in sheets.enumerated() {
            parts["xl/worksheets/sheet\(index + 1).xml"] = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="\(spreadsheetML)"><sheetData>\(sheet.xml)</sheetData></worksheet>
                """
            links.append("<Relationship Id=\"rId\(index + 1)\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>")
            sheetList += "<sheet name=\"\(sheet.name)\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }
        if let sharedStrings {
            parts["xl/sharedStrings.xml"] = "<sst xmlns=\"\(spreadsheetML)\">\(sharedStrings)</sst>"
            links.append("<Relationship Id=\"rIdS\" Type=\"\(relationships)/sharedStrings\" Target=\"sharedStrings.xml\"/>")
        }
        if let styles {
            parts["xl/styles.xml"] = "<styleSheet xmlns=\"\(spreadsheetML)\">\(styles)</styleSheet>"
            links.append("<Relationship Id=\"rIdT\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/>")
        }
        parts["xl/workbook.xml"] = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(spreadsheetML)" xmlns:r="\(relationships)">\
            <workbookPr date1904="\(date1904 ? 1 : 0)"/><sheets>\(sheetList)</sheets></workbook>
            """
        parts["xl/_rels/workbook.xml.rels"] = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(links.joined())</Relationships>
            """
        return try zipArchive(parts)
    }
}
