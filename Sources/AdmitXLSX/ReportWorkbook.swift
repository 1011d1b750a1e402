import AdmitCSV
import AdmitCore
import Foundation

/// The login report as a workbook: counts per state, then a row per entry. It holds no password. Set up to print
/// like the roster: columns sized from their longest value, one page wide, the table's heading on every page.
public enum ReportWorkbook {
    /// The CSV's columns and cells (`ReportTable`), printed.
    static let columns = ReportTable.columns
    /// Columns in Courier New: what people type or paste back (usernames, GUIDs).
    static let monospaced: Set<Int> = [1, 3, 12, 13]
    static let size = 10.0
    /// The widest a name column grows before its text shrinks to fit, in characters.
    static let longestName = 40, longestGroup = 24

    /// - Parameter timeZone: the zone the times are written in, and named.
    public static func write(
        _ report: LoginReport, institutionName: String, paper: Worksheet.Paper = .a4,
        timeZone: TimeZone = .current, to path: URL
    ) throws {
        let workbook = try Workbook(path: path.path, constantMemory: true)
        let sheet = try workbook.addWorksheet("Login report")
        let bold = workbook.addFormat {
            $0.bold()
            $0.fontSize(size)
        }
        let header = workbook.addFormat {
            $0.bold()
            $0.fontSize(size)
            $0.background(0xD9D9D9)
            $0.bottomBorder()
            $0.wrap()
            $0.alignTop()
        }
        let plain = workbook.addFormat { $0.fontSize(size) }
        let mono = workbook.addFormat {
            $0.fontName("Courier New")
            $0.fontSize(size)
        }
        let shrinking = workbook.addFormat {
            $0.fontSize(size)
            $0.shrinkToFit()
        }
        let formats = columns.indices.map { monospaced.contains($0) ? mono : [4, 5].contains($0) ? shrinking : plain }
        let time = ReportTable.Times(zone: timeZone)
        let rows = report.entries.map { ReportTable.cells($0, time) }

        for (column, width) in widths(rows).enumerated() {
            try sheet.setColumns(column...column, width: width)
        }
        sheet.setPaper(paper)
        sheet.setLandscape()
        sheet.fitToPages(wide: 1, tall: 0)
        sheet.setMargins(left: 0.5, right: 0.5, top: 0.75, bottom: 0.75)
        let title = "Login report: " + report.session.name + (report.filter == .locked ? " (locked entries)" : "")
        try sheet.setHeader(
            "&L&\"-,Bold\"\(Worksheet.headerText(title))&R\(Worksheet.headerText(report.session.institutionCode + " · " + institutionName, limit: 60))"
        )
        try sheet.setFooter("&LGenerated \(Worksheet.headerText(time.text(report.generatedAt)))&RPage &P of &N")

        // The summary: each label across the first two columns, so it is never cut to the width of the # column.
        var row = 0
        try sheet.merge("State", row: row, columns: 0...1, format: header)
        try sheet.write("Entries", row: row, column: 2, format: header)
        for state in EntryState.allCases {
            row += 1
            try sheet.merge(state.rawValue, row: row, columns: 0...1, format: plain)
            try sheet.write(Double(report.counts[state] ?? 0), row: row, column: 2, format: plain)
        }
        row += 1
        try sheet.merge("total", row: row, columns: 0...1, format: bold)
        try sheet.write(Double(report.entries.count), row: row, column: 2, format: bold)
        row += 1
        try sheet.merge("Times are in \(time.zoneName).", row: row, columns: 0...6, format: plain)

        row += 1  // the table's heading stays on row 8, where scripts look for it
        let tableHeader = row
        try sheet.setRow(row, height: 28)  // two lines, for headings that wrap in a narrow column
        for (column, title) in columns.enumerated() { try sheet.write(title, row: row, column: column, format: header) }
        try sheet.repeatRows(tableHeader...tableHeader)
        for (entry, cells) in zip(report.entries, rows) {
            row += 1
            try sheet.write(Double(entry.number), row: row, column: 0, format: plain)
            try sheet.write(Double(entry.failedAttempts), row: row, column: 8, format: plain)
            for (column, text) in cells.enumerated() where ![0, 8].contains(column) && !text.isEmpty {
                try sheet.write(text, row: row, column: column, format: formats[column])
            }
        }
        try workbook.close()
    }

    /// Each column's width in Excel's units: its longest cell, or its heading's longest word (headings wrap).
    static func widths(_ rows: [[String]]) -> [Double] {
        columns.indices.map { column in
            let heading = columns[column].split(separator: " ").map { PrintMetrics.proportional($0.count, size: size, bold: true) }.max() ?? 0
            var longest = rows.map { $0[column].count }.max() ?? 0
            if column == 4 { longest = min(longest, longestName) }
            if column == 5 { longest = min(longest, longestGroup) }
            let text =
                monospaced.contains(column)
                ? PrintMetrics.units(holdingMonospaced: longest, size: size)
                : PrintMetrics.units(holding: PrintMetrics.proportional(longest, size: size))
            return max(PrintMetrics.units(holding: heading), text)
        }
    }
}
