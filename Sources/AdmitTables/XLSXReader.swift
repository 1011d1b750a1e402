import Foundation

/// Reads one sheet of an XLSX workbook: finds the workbook part through the package relationships, the sheet by
/// name or tab order, then the shared strings and date styles the sheet's cells refer to (both optional).
enum XLSXReader {
    /// The sheet to read, with its package kept open to read it again.
    struct Sheet {
        let package: XLSXPackage
        let context: XLSXSheet.Context
        let name: String

        func read(into builder: inout TableBuilder) throws {
            guard try XLSXSheet.read(package, context, into: &builder) else { throw TableError.missingSheet(name) }
        }
    }

    static func sheet(of data: Data, named name: String?) throws -> Sheet {
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
            path: sheetPath, source: "the sheet \"\(sheet.name)\"", sharedStrings: sharedStrings ?? XLSXSharedStrings.Strings(),
            dateStyles: dateStyles ?? [], uses1904Dates: workbook.uses1904Dates)
        return Sheet(package: package, context: context, name: sheet.name)
    }
}
