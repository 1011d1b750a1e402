import AdmitCore
import AdmitTables
import AdmitXLSX
import Foundation

/// Reading roster files into Core's upload, and writing plain tables, for `import`, `template` and `entries export`.
enum RosterFile {
    /// Reads FILE, or rows pasted on standard input when FILE is `-`.
    static func upload(_ path: String, sheet: String?, map: [String], defaultPasswordFile: String?, encoding: String? = nil) throws -> RosterUpload {
        let chosen = try encoding.map { name in
            guard let known = TextEncoding(named: name) else {
                throw CommandError(
                    "--encoding \"\(name)\" is not an encoding Admit reads; choose \(TextEncoding.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return known
        }
        let isStdin = path == "-"
        let data: Data
        do {
            data = isStdin ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CommandError("cannot read \(path): \((error as NSError).localizedFailureReason ?? "it is missing or not readable")")
        }
        let table: TableRows
        do {
            table =
                isStdin && !data.starts(with: [0x50, 0x4B, 0x03, 0x04])
                ? try TableReader.pastedRows(data, encoding: chosen) : try TableReader.rows(data, sheet: sheet, encoding: chosen)
        } catch let error as TableError {
            throw AdmitError(.invalidInput, .rosterUnreadable(isStdin ? "the rows on standard input" : path, cause: error.description))
        }
        let format: ImportJob.Format = table.format == .xlsx ? .xlsx : table.format == .pasted ? .pasted : .csv
        return RosterUpload(
            fileName: isStdin ? "pasted rows" : URL(fileURLWithPath: path).lastPathComponent, format: format,
            header: table.header, reading: FileRows(table: table), overrides: try RosterMapping.overrides(map),
            defaultPassword: try defaultPasswordFile.map(PasswordFile.read), readAs: table.readAs)
    }

    /// A table file at `path`: a workbook when it ends in .xlsx, else CSV.
    static func request(_ path: String, sheetName: String, highlight: String? = nil) -> TableFileRequest {
        .file(at: URL(fileURLWithPath: path), sheetName: sheetName, highlight: highlight)
    }
}

/// A file's rows as an import reads them: again from the file's text or workbook each time, never all held.
private struct FileRows: RosterRows {
    let table: TableRows

    var count: Int { table.count }

    func forEachRow(_ body: (RosterUpload.Row) throws -> Void) throws {
        try table.forEachRow { try body(RosterUpload.Row(number: $0.number, cells: $0.cells)) }
    }
}
