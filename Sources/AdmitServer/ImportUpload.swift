import AdmitCore
import AdmitTables
import Foundation

/// The import form read into Core's upload: a roster file (CSV in the encoding chosen, or XLSX) or rows pasted
/// from a spreadsheet, and the default password. A refusal names the field it is about.
enum ImportUpload {
    /// The job's "file name" for pasted rows.
    static let pastedFileName = "pasted rows"

    static func read(_ form: MultipartForm) throws -> RosterUpload {
        let file = form.file("roster")
        let pasted = form.text("pasted").flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
        var upload: RosterUpload
        switch (file, pasted) {
        case (nil, nil):
            throw AdmitError(.invalidInput, .noRoster, field: .roster)
        case (.some, .some):
            throw AdmitError(.invalidInput, .rosterAndPastedRows, field: .pasted)
        case (let file?, nil):
            upload = try Self.file(file.data, fileName: file.fileName, sheet: Self.text(form, "sheet"), encoding: try encoding(form))
        case (nil, let text?):
            upload = try Self.pasted(text)
        }
        // A password is taken exactly as typed; only a box left empty means none.
        if let password = form.text("defaultPassword"), !password.isEmpty { upload.defaultPassword = password }
        return upload
    }

    /// Reads an uploaded CSV or XLSX; a file that is not a table is refused in one sentence.
    static func file(_ data: Data, fileName: String, sheet: String?, encoding: TextEncoding?) throws -> RosterUpload {
        do {
            let (table, kind) = try TableReader.read(data, sheet: sheet, encoding: encoding)
            return RosterUpload(
                fileName: fileName, format: kind == .xlsx ? .xlsx : .csv, header: table.header,
                rows: table.rows.map { RosterUpload.Row(number: $0.number, cells: $0.cells) }, readAs: table.readAs)
        } catch let error as TableError {
            throw AdmitError(.invalidInput, .rosterUnreadable(fileName, cause: error.description), field: .roster)
        }
    }

    /// Tab-separated rows as a spreadsheet puts them on the clipboard, with or without a heading row: a first
    /// row in which no cell reads as a roster heading is a candidate, and the columns are "Column 1"… to map.
    static func pasted(_ text: String) throws -> RosterUpload {
        let table: Table
        let raw: [Table.Row]
        do {
            table = try TableReader.pasted(Data(text.utf8))
            // Read again under a one-cell heading of our own: the reader pads rows to the heading's width, and
            // with a heading this narrow every row keeps the width it was pasted with.
            raw = try TableReader.pasted(Data(("-\n" + text).utf8)).rows
        } catch let error as TableError {
            throw AdmitError(.invalidInput, .pastedRowsUnreadable(cause: error.description), field: .pasted)
        }
        if let first = raw.first, let odd = raw.first(where: { $0.cells.count != first.cells.count }) {
            // Numbered one down: the reader counted the heading of our own as row 1.
            throw AdmitError(.invalidInput, .pastedRowWidth(row: odd.number - 1, cells: odd.cells.count, first: first.cells.count), field: .pasted)
        }
        let first = [Table.Row(number: (raw.first?.number ?? 2) - 1, cells: table.header)]
        let headed = table.header.contains { RosterMapping.column(named: $0) != nil }
        let rows = headed ? table.rows : first + table.rows
        return RosterUpload(
            fileName: pastedFileName, format: .pasted,
            header: headed ? table.header : table.header.indices.map { "Column \($0 + 1)" },
            rows: rows.map { RosterUpload.Row(number: $0.number, cells: $0.cells) })
    }

    private static func encoding(_ form: MultipartForm) throws -> TextEncoding? {
        guard let name = text(form, "encoding") else { return nil }
        guard let known = TextEncoding(named: name) else {
            throw AdmitError(.invalidInput, .notAnEncoding(name), field: .encoding)
        }
        return known
    }

    /// A text field, trimmed; nil when blank.
    private static func text(_ form: MultipartForm, _ name: String) -> String? {
        form.text(name).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}
