/// Why a table could not be read, as one sentence for the person who chose the file (no trailing period, so
/// the caller can put it after the file's name).
public struct TableError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

// Every sentence the readers say, in one place so they read alike.
extension TableError {
    static let notText = TableError("the file is not text in UTF-8, UTF-16 or Windows-1252; save it as CSV UTF-8")
    static let legacyWorkbook = TableError(
        "the file is an old-style (.xls) or password-protected Excel workbook; save it as .xlsx or CSV UTF-8")
    static let notWorkbook = TableError("the file is not a readable XLSX workbook (it may be damaged or cut short)")
    static let notSpreadsheet = TableError(
        "the file is a ZIP archive but not an XLSX workbook; save it as .xlsx or CSV UTF-8")
    static let noTemporaryCopy = TableError(
        "the workbook could not be opened: there is no room for a temporary copy of it")
    static let noSheets = TableError("the workbook has no sheets")
    static let partTooLarge = TableError(
        "the workbook is too large to read: a part of it is bigger than 256 MiB unpacked")
    static let tooManyCells = TableError(
        "the table is too large to read: it has more than 500,000 cells")
    static let tooMuchText = TableError(
        "the table is too large to read: its cells hold more than 16 MiB of text (a shared cell counted each time it is used)")

    static func noHeading(in source: String) -> TableError {
        TableError("\(source) has no heading row")
    }

    static func unclosedQuote(row: Int) -> TableError {
        TableError("the quote (\") that opens a cell in row \(row) is never closed")
    }

    static func tooManyRows(in source: String) -> TableError {
        TableError("\(source) has more than 1,048,576 rows, the most a spreadsheet holds")
    }

    static func tooManyColumns(row: Int) -> TableError {
        TableError("row \(row) has more than 16,384 columns, the most a spreadsheet holds")
    }

    static func damaged(_ part: String) -> TableError {
        TableError("the workbook is damaged: its part \(part) cannot be read")
    }

    static func missingSheet(_ name: String) -> TableError {
        TableError("the workbook is damaged: its sheet \"\(name)\" is missing")
    }

    static func noSheet(named name: String, among names: [String]) -> TableError {
        TableError("the workbook has no sheet named \"\(name)\"; it has: \(names.joined(separator: ", "))")
    }
}
