import AdmitCore
import Foundation

/// The roster table: one row per entry, ready to print. Rows stream into libxlsxwriter's constant-memory mode,
/// so a session of 100,000 entries needs no more memory than one of 10.
public final class RosterSheet: CredentialSheetWriter {
    public static let columns = ["#", "Username", "Password", "Institution ID", "State", "Session"]

    private let workbook: Workbook
    private let sheet: Worksheet
    private let text: Format
    private let number: Format
    private let credential: Format
    private var nextRow = 1

    public init(path: URL, heading: SheetHeading, paper: Worksheet.Paper = .a4) throws {
        workbook = try Workbook(path: path.path, constantMemory: true)
        sheet = try workbook.addWorksheet("Roster")
        let header = workbook.addFormat { $0.bold(); $0.background(0xD9D9D9); $0.bottomBorder() }
        text = workbook.addFormat { _ in }
        number = workbook.addFormat { $0.alignCenter() }
        credential = workbook.addFormat { $0.fontName("Courier New"); $0.fontSize(12) }

        try sheet.setColumns(0...0, width: 6, format: number)
        try sheet.setColumns(1...2, width: 16, format: credential)
        try sheet.setColumns(3...3, width: 14)
        try sheet.setColumns(4...4, width: 11)
        try sheet.setColumns(5...5, width: 32)
        for (column, title) in Self.columns.enumerated() {
            try sheet.write(title, row: 0, column: column, format: header)
        }

        sheet.setPaper(paper)
        sheet.setPortrait()
        sheet.fitToPages(wide: 1, tall: 0)
        sheet.setMargins(left: 0.5, right: 0.5, top: 0.75, bottom: 0.75)
        sheet.printGridlines()
        sheet.freezePanes(rows: 1, columns: 0)
        try sheet.repeatRows(0...0)
        try sheet.setHeader("&L&\"-,Bold\"\(Worksheet.headerText(heading.sessionName))&R\(Worksheet.headerText(heading.institutionCode + " · " + heading.institutionName, limit: 60))")
        try sheet.setFooter("&LConfidential: login credentials&RPage &P of &N")
    }

    public func add(_ row: CredentialRow) throws {
        try sheet.write(Double(row.number), row: nextRow, column: 0, format: number)
        try sheet.write(row.username, row: nextRow, column: 1, format: credential)
        if let password = row.password { try sheet.write(password, row: nextRow, column: 2, format: credential) }
        try sheet.write(row.institutionCode, row: nextRow, column: 3, format: text)
        try sheet.write(row.state.rawValue, row: nextRow, column: 4, format: text)
        try sheet.write(row.sessionName, row: nextRow, column: 5, format: text)
        nextRow += 1
    }

    public func close() throws {
        try sheet.autofilter(firstRow: 0, firstColumn: 0, lastRow: max(nextRow - 1, 1), lastColumn: Self.columns.count - 1)
        try workbook.close()
    }
}
