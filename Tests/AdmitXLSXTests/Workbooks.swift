import AdmitCore
import Foundation

@testable import AdmitXLSX

extension CredentialWorkbook {
    /// Writes `rows` as Core does: measured first, then laid out from the longest values. Returns the notices.
    @discardableResult
    static func write(
        _ rows: [CredentialRow], to file: URL, heading: SheetHeading, layouts: [SheetLayout] = [.roster],
        paper: Worksheet.Paper = .a4
    ) throws -> [String] {
        let sheet = try CredentialWorkbook(path: file, heading: heading, measure: .of(rows), layouts: layouts, paper: paper)
        for row in rows { try sheet.add(row) }
        try sheet.close()
        return sheet.notices
    }
}
