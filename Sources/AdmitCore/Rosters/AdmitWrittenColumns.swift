import Foundation

extension RosterUpload {
    /// The headings of the columns Admit adds to a job's error and completed files (`Error`, `Result`, and
    /// `Outcome` as the web page names it). A file corrected and imported again brings them back; they are
    /// Admit's, not the file's, so they are left out of the job and its files (the Entry GUID, Username and
    /// Password columns it also fills are roster columns, read as such).
    static let admitWrittenHeadings: Set<String> = ["Error", "Result", "Outcome"]

    /// The heading and the rows without the columns Admit wrote itself; the rows are left out as they are read.
    func withoutAdmitWrittenColumns() -> (header: [String], rows: any RosterRows) {
        let dropped = Set(header.indices.filter { Self.admitWrittenHeadings.contains(header[$0].trimmingCharacters(in: .whitespaces)) })
        guard !dropped.isEmpty else { return (header, allRows) }
        return (ColumnsLeftOut.kept(header, dropping: dropped), ColumnsLeftOut(rows: allRows, dropped: dropped))
    }
}

/// Rows with some of their columns left out, as they are read.
private struct ColumnsLeftOut: RosterRows {
    let rows: any RosterRows
    let dropped: Set<Int>

    var count: Int { rows.count }

    func forEachRow(_ body: (RosterUpload.Row) throws -> Void) throws {
        try rows.forEachRow { try body(RosterUpload.Row(number: $0.number, cells: Self.kept($0.cells, dropping: dropped))) }
    }

    static func kept(_ cells: [String], dropping dropped: Set<Int>) -> [String] {
        cells.indices.filter { !dropped.contains($0) }.map { cells[$0] }
    }
}
