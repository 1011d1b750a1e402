import AdmitCore
import Foundation

/// The login report as a workbook: counts per state, then a row per entry. It holds no password.
public enum ReportWorkbook {
    public static let columns = ["#", "Username", "State", "Personal username", "Candidate", "Group", "Registered", "Last sign-in",
                                 "Failures", "Expires", "Withdrawn", "Entry GUID", "Batch"]

    public static func write(_ report: LoginReport, institutionName: String, to path: URL) throws {
        let workbook = try Workbook(path: path.path, constantMemory: true)
        let sheet = try workbook.addWorksheet("Login report")
        let bold = workbook.addFormat { $0.bold() }
        let header = workbook.addFormat { $0.bold(); $0.background(0xD9D9D9); $0.bottomBorder() }
        let mono = workbook.addFormat { $0.fontName("Courier New") }

        try sheet.setColumns(0...0, width: 6)
        try sheet.setColumns(1...2, width: 12)
        try sheet.setColumns(3...3, width: 24)
        try sheet.setColumns(4...4, width: 30)
        try sheet.setColumns(5...5, width: 14)
        try sheet.setColumns(6...7, width: 20)
        try sheet.setColumns(8...8, width: 9)
        try sheet.setColumns(9...10, width: 20)
        try sheet.setColumns(11...12, width: 38)
        sheet.setLandscape()
        sheet.fitToPages(wide: 1, tall: 0)
        try sheet.setHeader("&L&\"-,Bold\"Login report: \(Worksheet.headerText(report.session.name))&R\(Worksheet.headerText(report.session.institutionCode + " · " + institutionName, limit: 60))")
        try sheet.setFooter("&LGenerated \(iso(report.generatedAt))&RPage &P of &N")

        var row = 0
        try sheet.write("State", row: row, column: 0, format: header)
        try sheet.write("Entries", row: row, column: 1, format: header)
        for state in EntryState.allCases {
            row += 1
            try sheet.write(state.rawValue, row: row, column: 0)
            try sheet.write(Double(report.counts[state] ?? 0), row: row, column: 1)
        }
        row += 1
        try sheet.write("total", row: row, column: 0, format: bold)
        try sheet.write(Double(report.entries.count), row: row, column: 1, format: bold)

        row += 2
        let tableHeader = row
        for (column, title) in columns.enumerated() { try sheet.write(title, row: row, column: column, format: header) }
        try sheet.repeatRows(tableHeader...tableHeader)
        for entry in report.entries {
            row += 1
            try sheet.write(Double(entry.number), row: row, column: 0)
            try sheet.write(entry.username, row: row, column: 1, format: mono)
            try sheet.write(entry.state.rawValue, row: row, column: 2)
            if let personal = entry.personalUsername { try sheet.write(personal, row: row, column: 3, format: mono) }
            if let candidate = entry.candidate { try sheet.write(candidate, row: row, column: 4) }
            if let group = entry.group { try sheet.write(group, row: row, column: 5) }
            if let registered = entry.registeredAt { try sheet.write(iso(registered), row: row, column: 6) }
            if let last = entry.lastSignInAt { try sheet.write(iso(last), row: row, column: 7) }
            try sheet.write(Double(entry.failedAttempts), row: row, column: 8)
            try sheet.write(iso(entry.expiresAt), row: row, column: 9)
            if let withdrawn = entry.withdrawnAt { try sheet.write(iso(withdrawn), row: row, column: 10) }
            try sheet.write(entry.guid.uuidString.lowercased(), row: row, column: 11, format: mono)
            try sheet.write(entry.batch.uuidString.lowercased(), row: row, column: 12, format: mono)
        }
        try workbook.close()
    }

    static func iso(_ date: Date) -> String {
        // UTC, and says so: a report is read in other time zones.
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
