import Foundation

/// Reads one sheet of an XLSX workbook: finds the workbook part through the package relationships, the sheet by
/// name or tab order, then the shared strings and date styles the sheet's cells refer to (both optional).
enum XLSXReader {
    static func table(of data: Data, sheet name: String?) throws -> Table {
        let package = try XLSXPackage(data)
        let workbookPath =
            try package.relationships(of: "")
            .first { $0.type.hasSuffix("/officeDocument") }?.path ?? "xl/workbook.xml"
        guard let workbookData = try package.part(workbookPath) else { throw TableError.notSpreadsheet }
        let workbook = try XLSXWorkbook(workbookData, path: workbookPath)
        let sheet = try workbook.sheet(named: name)

        let links = try package.relationships(of: workbookPath)
        func linked(_ type: String, or fallback: String) -> String {
            links.first { $0.type.hasSuffix(type) }?.path
                ?? XLSXPackage.resolve(fallback, from: workbookPath) ?? fallback
        }
        guard let sheetPath = links.first(where: { $0.id == sheet.relationship })?.path,
            let sheetData = try package.part(sheetPath)
        else { throw TableError.missingSheet(sheet.name) }
        let stringsPath = linked("/sharedStrings", or: "sharedStrings.xml")
        let stylesPath = linked("/styles", or: "styles.xml")
        let sharedStrings = try package.part(stringsPath).map { try XLSXSharedStrings.read($0, path: stringsPath) }
        let dateStyles = try package.part(stylesPath).map { try XLSXDateStyles.read($0, path: stylesPath) }
        let context = XLSXSheet.Context(
            path: sheetPath, source: "the sheet \"\(sheet.name)\"", sharedStrings: sharedStrings ?? [],
            dateStyles: dateStyles ?? [], uses1904Dates: workbook.uses1904Dates)
        return try XLSXSheet.table(sheetData, context)
    }
}
