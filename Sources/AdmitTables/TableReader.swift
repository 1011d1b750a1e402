import Foundation

/// The formats a roster can come in.
public enum TableFormat: String, Sendable {
    case csv, xlsx, pasted
}

/// Reads a roster from the bytes of a file or of standard input into a `Table`. Every failure is a `TableError`
/// with one sentence for the user; no input, however made, crashes the reader (see Fuzz/).
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
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return (try xlsx(data, sheet: sheet), .xlsx)
        }
        // The Compound File signature: a legacy .xls or an encrypted .xlsx, which would otherwise be "not text".
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw TableError.legacyWorkbook
        }
        return (try csv(data, encoding: encoding), .csv)
    }

    /// A CSV file as spreadsheets save it: comma, semicolon or tab separated (whichever the first row uses most),
    /// UTF-8 or UTF-16, else Windows-1252 (or the encoding chosen).
    public static func csv(_ data: Data, encoding: TextEncoding? = nil) throws -> Table {
        let (text, legacy) = try TextDecoding.text(of: data, encoding: encoding)
        var table = try delimited(text, delimiter: DelimitedText.delimiter(of: text), source: "the file")
        table.readAs = legacy
        return table
    }

    /// The first visible sheet of an XLSX workbook, or the one named `sheet` (exact name first, then ignoring case).
    public static func xlsx(_ data: Data, sheet: String? = nil) throws -> Table {
        try XLSXReader.table(of: data, sheet: sheet)
    }

    /// Rows pasted on stdin as copied from a spreadsheet: tab-separated (quoted cells as Excel/LibreOffice put on
    /// the clipboard).
    public static func pasted(_ data: Data, encoding: TextEncoding? = nil) throws -> Table {
        let (text, legacy) = try TextDecoding.text(of: data, encoding: encoding)
        var table = try delimited(text, delimiter: UInt8(ascii: "\t"), source: "the pasted text")
        table.readAs = legacy
        return table
    }

    private static func delimited(_ text: String, delimiter: UInt8, source: String) throws -> Table {
        var builder = TableBuilder(source: source)
        try DelimitedText.read(text, delimiter: delimiter, into: &builder)
        return try builder.table()
    }
}
