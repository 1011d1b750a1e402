import AdmitCore
import Foundation

/// The roster table: one row per entry, ready to print: fits one page wide, portrait unless the columns need
/// landscape, header row repeated on every page.
final class RosterSheet: SheetWriter {
    public static let columns = ["#", "Username", "Password", "Institution ID", "State", "Session"]

    private let sheet: Worksheet
    private let text: Format
    private let number: Format
    private let credential: Format
    private var nextRow = 1

    /// Column widths in characters; about 100 print one page wide in portrait without shrinking much.
    static let widths: [Double] = [6, 16, 16, 14, 11, 32]

    init(workbook: Workbook, heading: SheetHeading, paper: Worksheet.Paper) throws {
        sheet = try workbook.addWorksheet("Roster")
        let header = workbook.addFormat { $0.bold(); $0.background(0xD9D9D9); $0.bottomBorder() }
        text = workbook.addFormat { _ in }
        number = workbook.addFormat { $0.alignCenter() }
        credential = workbook.addFormat { $0.fontName("Courier New"); $0.fontSize(12) }

        for (column, width) in Self.widths.enumerated() {
            try sheet.setColumns(column...column, width: width, format: column == 0 ? number : (1...2).contains(column) ? credential : nil)
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
        try sheet.write(Double(row.number), row: nextRow, column: 0, format: number)
        try sheet.write(row.username, row: nextRow, column: 1, format: credential)
        if let password = row.password { try sheet.write(password, row: nextRow, column: 2, format: credential) }
        try sheet.write(row.institutionCode, row: nextRow, column: 3, format: text)
        try sheet.write(row.state.rawValue, row: nextRow, column: 4, format: text)
        try sheet.write(row.sessionName, row: nextRow, column: 5, format: text)
        nextRow += 1
    }

    func finish() throws {
        try sheet.autofilter(firstRow: 0, firstColumn: 0, lastRow: max(nextRow - 1, 1), lastColumn: Self.columns.count - 1)
    }
}
