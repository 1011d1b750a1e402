import Foundation

/// A roster's rows read in order, as often as an import needs them (once to check the file whole, then a chunk at a
/// time to commit it), so that a big file need not be held as rows.
public protocol RosterRows: Sendable {
    var count: Int { get }
    func forEachRow(_ body: (RosterUpload.Row) throws -> Void) throws
}

extension Array: RosterRows where Element == RosterUpload.Row {
    public func forEachRow(_ body: (RosterUpload.Row) throws -> Void) throws {
        for row in self { try body(row) }
    }
}

/// A roster file as read for an import: its name, format, heading and rows, and how to read them.
public struct RosterUpload: Codable, Sendable {
    public struct Row: Codable, Sendable {
        /// The row's number in the user's spreadsheet.
        public var number: Int
        public var cells: [String]

        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    public var fileName: String
    public var format: ImportJob.Format
    public var header: [String]
    /// The rows, when they are held; none when they are `reading` from a file.
    public var rows: [Row]
    /// Where the rows are read from when they are not held (not kept with a checked roster).
    public private(set) var reading: (any RosterRows)?
    /// `--map`: the file's heading for a roster column, where the names do not match.
    public var overrides: [RosterColumn: String]
    /// `--default-password-file`: the first password of rows that give none.
    public var defaultPassword: String?
    /// The legacy encoding a text file was read in ("Windows-1252"), for the person importing to check the accents.
    public var readAs: String?

    public init(
        fileName: String, format: ImportJob.Format, header: [String], rows: [Row], overrides: [RosterColumn: String] = [:],
        defaultPassword: String? = nil, readAs: String? = nil
    ) {
        self.readAs = readAs
        self.fileName = fileName
        self.format = format
        self.header = header
        self.rows = rows
        self.overrides = overrides
        self.defaultPassword = defaultPassword
    }

    /// An upload whose rows are read from `rows` each time the import needs them.
    public init(
        fileName: String, format: ImportJob.Format, header: [String], reading rows: any RosterRows, overrides: [RosterColumn: String] = [:],
        defaultPassword: String? = nil, readAs: String? = nil
    ) {
        self.init(
            fileName: fileName, format: format, header: header, rows: [], overrides: overrides, defaultPassword: defaultPassword, readAs: readAs)
        reading = rows
    }

    /// The rows, held or read.
    var allRows: any RosterRows { reading ?? rows }

    public var rowCount: Int { allRows.count }

    enum CodingKeys: String, CodingKey {
        case fileName, format, header, rows, overrides, defaultPassword, readAs
    }
}

/// What a verify or an import found: counts, and every row in error with what to fix.
public struct ImportReport: Codable, Sendable {
    public struct RowError: Codable, Equatable, Sendable {
        public var row: Int
        public var message: String
    }

    /// Nil for a verify (`--dry-run`), which records nothing.
    public var job: ImportJob?
    public var counts: ImportCounts
    public var errors: [RowError]
    /// Headings that are no roster field: not imported.
    public var ignoredHeadings: [String]
    /// Headings of those columns whose longer cells the job keeps cut to `ImportLimits.unusedCellCharacters`.
    public var cutHeadings: [String]

    public init(job: ImportJob?, counts: ImportCounts, errors: [RowError], ignoredHeadings: [String], cutHeadings: [String] = []) {
        self.job = job
        self.counts = counts
        self.errors = errors
        self.ignoredHeadings = ignoredHeadings
        self.cutHeadings = cutHeadings
    }

    enum CodingKeys: String, CodingKey {
        case job, counts, errors
        case ignoredHeadings = "ignored_headings"
        case cutHeadings = "cut_headings"
    }
}
