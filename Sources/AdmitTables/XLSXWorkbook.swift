import Foundation

/// What workbook.xml says that a reader needs: its sheets in tab order (name, relationship id, visibility) and
/// whether its dates count from 1904 (old Mac Excel) rather than 1900.
struct XLSXWorkbook {
    struct Sheet {
        let name: String
        let relationship: String
        let visible: Bool
    }

    private(set) var sheets: [Sheet] = []
    private(set) var uses1904Dates = false

    /// Nil when the workbook has no such part.
    init?(_ package: XLSXPackage, path: String) throws {
        let found = try package.parse(path) { element, attributes in
            switch element {
            case "sheet":
                guard let name = attributes["name"], let relationship = attributes["id"] else { return }
                let state = attributes["state"] ?? "visible"
                self.sheets.append(Sheet(name: name, relationship: relationship, visible: state == "visible"))
            case "workbookPr":
                self.uses1904Dates = ["1", "true"].contains(attributes["date1904"])
            default:
                break
            }
        }
        guard found else { return nil }
    }

    /// The sheet named `name` (exactly, else ignoring case), or the first visible sheet.
    func sheet(named name: String?) throws -> Sheet {
        guard let first = sheets.first(where: \.visible) ?? sheets.first else { throw TableError.noSheets }
        guard let name else { return first }
        if let sheet = sheets.first(where: { $0.name == name })
            ?? sheets.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame })
        {
            return sheet
        }
        throw TableError.noSheet(named: name, among: sheets.map(\.name))
    }
}
