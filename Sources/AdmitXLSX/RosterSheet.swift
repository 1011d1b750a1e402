import AdmitCore
import Foundation

/// The roster table: one row per entry, ready to print: fits one page wide, portrait unless the columns need
/// landscape, header row repeated on every page.
final class RosterSheet: SheetWriter {
    /// The candidate sits next to the credentials, where an invigilator's eye already is; blank for generic logins.
    public static let columns = ["#", "Username", "Password", "Candidate", "Institution ID", "State", "Session"]

    /// Column widths in characters; about 100 print one page wide in portrait without shrinking much.
    static let widths: [Double] = [5, 13, 15, 30, 14, 10, 16]

    /// A row's cells as text, in `columns` order; blank where there is nothing to print.
    static func cells(_ row: CredentialRow) -> [String] {
        [String(row.number), row.username, row.password ?? "", row.candidate ?? "", row.institutionCode, row.state.rawValue, row.sessionName]
    }

    private let sheet: Worksheet
    private let formats: [Format?]
    private var nextRow = 1

    init(workbook: Workbook, heading: SheetHeading, paper: Worksheet.Paper) throws {
        sheet = try workbook.addWorksheet("Roster")
        let header = workbook.addFormat { $0.bold(); $0.background(0xD9D9D9); $0.bottomBorder() }
        let number = workbook.addFormat { $0.alignCenter() }
        let credential = workbook.addFormat { $0.fontName("Courier New"); $0.fontSize(12) }
        // A long name shrinks rather than lose its candidate number to the next column.
        let candidate = workbook.addFormat { $0.shrinkToFit() }
        formats = [number, credential, credential, candidate, nil, nil, nil]

        for (column, width) in Self.widths.enumerated() {
            try sheet.setColumns(column...column, width: width, format: formats[column])
        }
        for (column, title) in Self.columns.enumerated() {
            try sheet.write(title, row: 0, column: column, format: header)
        }

        sheet.setPaper(paper)
        if Self.widths.reduce(0, +) > 120 { sheet.setLandscape() } else { sheet.setPortrait() }
        sheet.fitToPages(wide: 1, tall: 0)
        sheet.setMargins(left: 0.5, right: 0.5, top: 0.75, bottom: 0.75)
        sheet.printGridlines()
        sheet.freezePanes(rows: 1, columns: 0)
        try sheet.repeatRows(0...0)
        try sheet.setHeader("&L&\"-,Bold\"\(Worksheet.headerText(heading.sessionName))&R\(Worksheet.headerText(heading.institutionCode + " · " + heading.institutionName, limit: 60))")
        try sheet.setFooter("&LConfidential: login credentials&RPage &P of &N")
    }

    func add(_ row: CredentialRow) throws {
        try sheet.write(Double(row.number), row: nextRow, column: 0, format: formats[0])
        for (column, text) in Self.cells(row).enumerated().dropFirst() where !text.isEmpty {
            try sheet.write(text, row: nextRow, column: column, format: formats[column])
        }
        nextRow += 1
    }

    func finish() throws {
        try sheet.autofilter(firstRow: 0, firstColumn: 0, lastRow: max(nextRow - 1, 1), lastColumn: Self.columns.count - 1)
    }
}
