import Foundation

/// A table read once whole, for its heading, its size and every refusal a reader makes, then read again from what
/// it was read from each time its rows are asked for: it keeps the file's text (or the workbook and its shared
/// strings), never the rows, so a big file's rows are in memory one at a time.
public final class TableRows: @unchecked Sendable {
    public let header: [String]
    /// The rows under the heading (blank rows are left out).
    public let count: Int
    public let format: TableFormat
    /// The legacy encoding the text was read in ("Windows-1252"), nil for UTF-8, UTF-16 and workbooks.
    public let readAs: String?
    private let origin: TableOrigin
    /// One read at a time (a workbook unpacks its sheet to one temporary file): what makes it Sendable.
    private let lock = NSLock()

    init(_ origin: TableOrigin, format: TableFormat, readAs: String?) throws {
        var builder = TableBuilder(source: origin.source) { _ in }
        try origin.read(into: &builder)
        header = try builder.heading()
        count = builder.count
        self.origin = origin
        self.format = format
        self.readAs = readAs
    }

    /// Calls `body` with each row, in order, read again.
    public func forEachRow(_ body: (Table.Row) throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        try withoutActuallyEscaping(body) { body in
            var builder = TableBuilder(source: origin.source, row: body)
            try origin.read(into: &builder)
        }
    }
}
