import Foundation

/// The formats a roster can come in.
public enum TableFormat: String, Sendable {
    case csv, xlsx, pasted
}

/// Reads a roster from the bytes of a file or of standard input into a `Table`, or into `TableRows` to read its rows
/// again a row at a time. Every failure is a `TableError` with one sentence for the user; no input, however made,
/// crashes the reader (see Fuzz/).
public enum TableReader {
    /// Excel's most characters in a cell (32,767). A longer cell is cut to one character more, while it is read,
    /// so that whoever takes the table can tell it was too long and say so on its row.
    public static let cellCharacterLimit = 32_767

    static func cut(_ cell: String) -> String {
        guard cell.utf8.count > cellCharacterLimit, cell.unicodeScalars.count > cellCharacterLimit + 1 else { return cell }
        return String(String.UnicodeScalarView(cell.unicodeScalars.prefix(cellCharacterLimit + 1)))
    }

    /// Reads by content: XLSX when the bytes start with the ZIP signature "PK\u{3}\u{4}", else CSV.
    public static func read(_ data: Data, sheet: String? = nil, encoding: TextEncoding? = nil) throws -> (Table, TableFormat) {
        let (origin, format, readAs) = try origin(of: data, sheet: sheet, encoding: encoding)
        return (try origin.table(readAs: readAs), format)
    }

    /// A CSV file as spreadsheets save it: comma, semicolon or tab separated (whichever the first row uses most),
    /// UTF-8 or UTF-16, else Windows-1252 (or the encoding chosen).
    public static func csv(_ data: Data, encoding: TextEncoding? = nil) throws -> Table {
        let (origin, readAs) = try csvOrigin(data, encoding: encoding)
        return try origin.table(readAs: readAs)
    }

    /// The first visible sheet of an XLSX workbook, or the one named `sheet` (exact name first, then ignoring case).
    public static func xlsx(_ data: Data, sheet: String? = nil) throws -> Table {
        try TableOrigin.sheet(XLSXReader.sheet(of: data, named: sheet)).table(readAs: nil)
    }

    /// Rows pasted on stdin as copied from a spreadsheet: tab-separated (quoted cells as Excel/LibreOffice put on
    /// the clipboard).
    public static func pasted(_ data: Data, encoding: TextEncoding? = nil) throws -> Table {
        let (origin, readAs) = try pastedOrigin(data, encoding: encoding)
        return try origin.table(readAs: readAs)
    }

    /// As `read`, keeping what the rows are read from instead of the rows.
    public static func rows(_ data: Data, sheet: String? = nil, encoding: TextEncoding? = nil) throws -> TableRows {
        let (origin, format, readAs) = try origin(of: data, sheet: sheet, encoding: encoding)
        return try TableRows(origin, format: format, readAs: readAs)
    }

    /// As `pasted`, keeping the text instead of the rows.
    public static func pastedRows(_ data: Data, encoding: TextEncoding? = nil) throws -> TableRows {
        let (origin, readAs) = try pastedOrigin(data, encoding: encoding)
        return try TableRows(origin, format: .pasted, readAs: readAs)
    }

    private static func origin(of data: Data, sheet: String?, encoding: TextEncoding?) throws -> (TableOrigin, TableFormat, String?) {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return (.sheet(try XLSXReader.sheet(of: data, named: sheet)), .xlsx, nil)
        }
        // The Compound File signature: a legacy .xls or an encrypted .xlsx, which would otherwise be "not text".
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw TableError.legacyWorkbook
        }
        let (origin, readAs) = try csvOrigin(data, encoding: encoding)
        return (origin, .csv, readAs)
    }

    private static func csvOrigin(_ data: Data, encoding: TextEncoding?) throws -> (TableOrigin, String?) {
        let (bytes, legacy) = try TextDecoding.utf8(of: data, encoding: encoding)
        return (.text(bytes, delimiter: DelimitedText.delimiter(of: bytes), source: "the file"), legacy)
    }

    private static func pastedOrigin(_ data: Data, encoding: TextEncoding?) throws -> (TableOrigin, String?) {
        let (bytes, legacy) = try TextDecoding.utf8(of: data, encoding: encoding)
        return (.text(bytes, delimiter: UInt8(ascii: "\t"), source: "the pasted text"), legacy)
    }
}
