import Foundation

/// Writes CSV as Admit writes every CSV: RFC 4180, UTF-8, CRLF, and a cell a spreadsheet would run as a
/// formula prefixed with `'`.
// Hand-written and buffered: a writer that makes one stream call per byte makes one system call per byte on a file.
public final class CSVFile {
    /// Makes Excel read the file as UTF-8 rather than the system's code page (names with accents).
    public static let byteOrderMark = Data([0xEF, 0xBB, 0xBF])

    private let handle: FileHandle
    private var buffer = Data()

    /// Writes into the file at `path` as it is (created by the caller, so its permissions stay), emptied first.
    public init(path: URL, byteOrderMark: Bool = false) throws {
        handle = try FileHandle(forWritingTo: path)
        try handle.truncate(atOffset: 0)
        if byteOrderMark { buffer.append(Self.byteOrderMark) }
    }

    public func append(_ cells: [String]) throws {
        buffer.append(Self.line(cells))
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func close() throws {
        try flush()
        try handle.close()
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// One record, CRLF included.
    public static func line(_ cells: [String]) -> Data {
        Data((cells.map { field(guarded($0)) }.joined(separator: ",") + "\r\n").utf8)
    }

    /// Formula-injection guard: a leading `=`, `+`, `-`, `@`, tab or CR would make a spreadsheet evaluate the cell.
    public static func guarded(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }

    static func field(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
