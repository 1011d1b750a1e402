import AdmitCSV
import AdmitCore
import Foundation

/// A plain table as a file: an import's uploaded, completed and error files, and the template-format export.
/// Every cell is text, never a number, so IDs, GUIDs and leading zeros come back exactly as they went in.
/// Both write into the file at `url` as it is, so it keeps the permissions the caller gave it (0600); the CSV is `TableCSV`'s.
public enum TableFile {
    /// Widest a column grows, in characters; longer cells still hold all their text.
    static let maximumWidth = 60

    /// - Parameter sheetName: Excel's rules: at most 31 characters, none of `[]:*?/\`; another name throws.
    /// - Parameter highlightColumn: the heading of a column (an error file's "Error") whose filled cells stand
    ///   out, so the coordinator sees what to fix.
    public static func writeXLSX(header: [String], rows: [[String]], sheetName: String, highlightColumn: String? = nil, to url: URL) throws {
        let workbook = try Workbook(path: url.path, constantMemory: true)
        let sheet = try workbook.addWorksheet(sheetName)
        // Text format on cells and columns alike: a value typed in later stays text too.
        let text = workbook.addFormat { $0.numberFormat("@") }
        let heading = workbook.addFormat {
            $0.bold()
            $0.background(0xD9D9D9)
            $0.bottomBorder()
            $0.numberFormat("@")
        }
        let flagged = workbook.addFormat {
            $0.bold()
            $0.background(0xFFC7CE)
            $0.fontColor(0x9C0006)
            $0.numberFormat("@")
        }
        let highlighted = highlightColumn.flatMap { header.firstIndex(of: $0) }

        let widths = Self.widths(header: header, rows: rows)
        for (column, width) in widths.enumerated() {
            try sheet.setColumns(column...column, width: Double(width), format: text)
        }
        for (column, title) in header.enumerated() {
            try sheet.write(title, row: 0, column: column, format: heading)
        }
        for (index, cells) in rows.enumerated() {
            for (column, cell) in cells.enumerated() where !cell.isEmpty {
                try sheet.write(cell, row: index + 1, column: column, format: column == highlighted ? flagged : text)
            }
        }
        sheet.freezePanes(rows: 1, columns: 0)
        // Printed, a row keeps its Error column on its own page.
        sheet.setLandscape()
        sheet.fitToPages(wide: 1, tall: 0)
        try sheet.repeatRows(0...0)
        if !widths.isEmpty {
            try sheet.autofilter(firstRow: 0, firstColumn: 0, lastRow: max(rows.count, 1), lastColumn: widths.count - 1)
        }
        try workbook.close()
    }

    /// Characters wide, per column: the longest line in it plus a margin, within 8…`maximumWidth`.
    static func widths(header: [String], rows: [[String]]) -> [Int] {
        var longest = [Int](repeating: 0, count: max(header.count, rows.map(\.count).max() ?? 0))
        func measure(_ cells: [String]) {
            for (column, cell) in cells.enumerated() {
                longest[column] = max(longest[column], cell.split(separator: "\n").map(\.count).max() ?? 0)
            }
        }
        measure(header)
        rows.forEach(measure)
        return longest.map { min(max($0 + 2, 8), maximumWidth) }
    }
}

extension TableFileRequest {
    /// A plain table at `target`: a workbook when it ends in .xlsx, else CSV.
    public static func file(at target: URL, sheetName: String, highlight: String? = nil) -> TableFileRequest {
        let isWorkbook = target.pathExtension.lowercased() == "xlsx"
        return TableFileRequest(target: target) { table, at in
            if isWorkbook {
                try TableFile.writeXLSX(header: table.header, rows: table.rows, sheetName: sheetName, highlightColumn: highlight, to: at)
            } else {
                try TableCSV.write(header: table.header, rows: table.rows, to: at)
            }
        }
    }
}
