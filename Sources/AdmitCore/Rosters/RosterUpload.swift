import Foundation

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
    public var rows: [Row]
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
