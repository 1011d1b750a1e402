/// Turns rows as read (CSV records, sheet rows, pasted lines) into a table's heading and rows, the same way for every
/// format: the heading is the first row with a non-blank cell, blank rows are left out but keep their numbers, short
/// rows are padded to the heading's width, and the size limits keep a hostile file from exhausting memory. Rows are
/// handed on as they come, never kept, so a table can be read again without being held.
struct TableBuilder {
    /// Excel's own limits: a larger table did not come from a spreadsheet.
    static let rowLimit = 1_048_576
    static let columnLimit = 16_384
    /// Far more than any roster; caps the memory a small file of empty cells (",,,,", or one far-off cell per
    /// sheet row padded out) could claim: 16 bytes a cell.
    static let cellLimit = 500_000
    /// The text all cells hold together, in UTF-8 bytes, counted as expanded (a shared string once per cell that
    /// uses it): far more than any roster, and what keeps a small file from being read as a huge table.
    static let textLimit = 16 << 20

    /// How errors name where the table came from: "the file", "the sheet \"Roster\"".
    let source: String
    private var header: [String]?
    private let row: (Table.Row) throws -> Void
    /// The rows under the heading handed on so far.
    private(set) var count = 0
    private var cellCount = 0
    private var textSize = 0

    init(source: String, row: @escaping (Table.Row) throws -> Void) {
        self.source = source
        self.row = row
    }

    mutating func add(number: Int, cells: [String]) throws {
        guard number <= Self.rowLimit else { throw TableError.tooManyRows(in: source) }
        guard cells.count <= Self.columnLimit else { throw TableError.tooManyColumns(row: number) }
        guard cells.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else { return }
        let width = max(cells.count, header?.count ?? 0)
        cellCount += width
        guard cellCount <= Self.cellLimit else { throw TableError.tooManyCells }
        let cells = cells.map(TableReader.cut)
        textSize += cells.reduce(0) { $0 + $1.utf8.count }
        guard textSize <= Self.textLimit else { throw TableError.tooMuchText }
        guard header != nil else {
            header = cells
            return
        }
        count += 1
        try row(Table.Row(number: number, cells: cells + repeatElement("", count: width - cells.count)))
    }

    /// The heading row, once every row has been added.
    func heading() throws -> [String] {
        guard let header else { throw TableError.noHeading(in: source) }
        return header
    }
}
