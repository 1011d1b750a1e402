import AdmitCore
import Foundation

/// The roster as CSV (RFC 4180, UTF-8, CRLF), for scripts. A cell that a spreadsheet would run as a formula
/// is prefixed with `'`.
// Hand-written: CSV.swift's writer makes one stream call per byte, one system call per byte on a file.
public final class RosterCSV: CredentialSheetWriter {
    private let handle: FileHandle
    private var buffer = Data()

    public init(path: URL) throws {
        handle = try FileHandle(forWritingTo: path)
        try handle.truncate(atOffset: 0)
        append(RosterSheet.columns)
    }

    public func add(_ row: CredentialRow) throws {
        append([String(row.number), row.username, row.password ?? "", row.institutionCode, row.state.rawValue, row.sessionName])
        if buffer.count >= 1 << 16 { try flush() }
    }

    public func close() throws {
        try flush()
        try handle.close()
    }

    private func append(_ cells: [String]) {
        buffer.append(contentsOf: cells.map { Self.field(Self.guarded($0)) }.joined(separator: ",").utf8)
        buffer.append(contentsOf: [0x0D, 0x0A])
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Formula-injection guard: a leading `=`, `+`, `-`, `@`, tab or CR would make a spreadsheet evaluate the cell.
    static func guarded(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }

    static func field(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
