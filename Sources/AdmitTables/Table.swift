/// A table read from a spreadsheet or CSV file: its heading row and the rows under it, each with the row number
/// the user sees in their spreadsheet program, so that errors can point at it.
public struct Table: Equatable, Sendable {
    public var header: [String]
    public var rows: [Row]
    /// The legacy encoding the text was read in ("Windows-1252"), nil for UTF-8, UTF-16 and workbooks.
    public var readAs: String?

    public struct Row: Equatable, Sendable {
        /// 1-based, as a spreadsheet numbers rows (the header is usually row 1).
        public var number: Int
        public var cells: [String]

        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    public init(header: [String], rows: [Row]) {
        self.header = header
        self.rows = rows
    }
}
