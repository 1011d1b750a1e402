import Foundation

extension RosterUpload {
    /// The headings of the columns Admit adds to a job's error and completed files (`Error`, `Result`, and
    /// `Outcome` as the web page names it). A file corrected and imported again brings them back; they are
    /// Admit's, not the file's, so they are left out of the job and its files (the Entry GUID, Username and
    /// Password columns it also fills are roster columns, read as such).
    static let admitWrittenHeadings: Set<String> = ["Error", "Result", "Outcome"]

    /// The upload without the columns Admit wrote itself.
    func withoutAdmitWrittenColumns() -> RosterUpload {
        let dropped = Set(header.indices.filter { Self.admitWrittenHeadings.contains(header[$0].trimmingCharacters(in: .whitespaces)) })
        guard !dropped.isEmpty else { return self }
        func kept(_ cells: [String]) -> [String] { cells.indices.filter { !dropped.contains($0) }.map { cells[$0] } }
        var upload = self
        upload.header = kept(header)
        upload.rows = rows.map { Row(number: $0.number, cells: kept($0.cells)) }
        return upload
    }
}
