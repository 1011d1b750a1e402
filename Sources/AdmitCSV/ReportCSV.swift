import AdmitCore
import Foundation

/// The login report's table as CSV, for scripts: the workbook's columns and cells (no passwords), UTF-8 with a
/// byte-order mark, times in one zone as the workbook writes them.
public enum ReportCSV {
    public static func write(_ report: LoginReport, timeZone: TimeZone = .current, to path: URL) throws {
        let file = try CSVFile(path: path, byteOrderMark: true)
        let time = ReportTable.Times(zone: timeZone)
        try file.append(ReportTable.columns)
        for entry in report.entries { try file.append(ReportTable.cells(entry, time)) }
        try file.close()
    }
}
