import Foundation

/// Reads one sheet of an XLSX workbook: finds the workbook part through the package relationships, the sheet by
/// name or tab order, then the shared strings and date styles the sheet's cells refer to (both optional).
enum XLSXReader {
    static func table(of data: Data, sheet name: String?) throws -> Table {
        let package = try XLSXPackage(data)
        let workbookPath =
            try package.relationships(of: "")
            .first { $0.type.hasSuffix("/officeDocument") }?.path ?? "xl/workbook.xml"
        guard let workbook = try XLSXWorkbook(package, path: workbookPath) else { throw TableError.notSpreadsheet }
        let sheet = try workbook.sheet(named: name)

        let links = try package.relationships(of: workbookPath)
        func linked(_ type: String, or fallback: String) -> String {
            links.first { $0.type.hasSuffix(type) }?.path
                ?? XLSXPackage.resolve(fallback, from: workbookPath) ?? fallback
        }
        guard let sheetPath = links.first(where: { $0.id == sheet.relationship })?.path else {
            throw TableError.missingSheet(sheet.name)
        }
        let stringsPath = linked("/sharedStrings", or: "sharedStrings.xml")
        let stylesPath = linked("/styles", or: "styles.xml")
        let sharedStrings = try XLSXSharedStrings.read(package, path: stringsPath)
        let dateStyles = try XLSXDateStyles.read(package, path: stylesPath)
        let context = XLSXSheet.Context(
            path: sheetPath, source: "the sheet \"\(sheet.name)\"", sharedStrings: sharedStrings ?? [],
            dateStyles: dateStyles ?? [], uses1904Dates: workbook.uses1904Dates)
        guard let table = try XLSXSheet.table(package, context) else { throw TableError.missingSheet(sheet.name) }
        return table
    }
}
