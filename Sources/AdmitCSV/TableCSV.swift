import Foundation

/// A plain table as CSV: an import's uploaded, completed and error files, and the template-format export.
public enum TableCSV {
    /// RFC 4180, UTF-8 with a byte-order mark (Excel then reads accents right), CRLF; formula-like cells defused.
    /// Writes into the file at `url` as it is (it must exist), so it keeps the permissions the caller gave it (0600).
    public static func write(header: [String], rows: [[String]], to url: URL) throws {
        let file = try CSVFile(path: url, byteOrderMark: true)
        try file.append(header)
        for cells in rows { try file.append(cells) }
        try file.close()
    }
}
