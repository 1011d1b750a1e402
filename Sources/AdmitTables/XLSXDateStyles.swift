import Foundation

/// Which cell styles (styles.xml `cellXfs`, indexed by a cell's `s`) show numbers as dates or times: a number is
/// only a date in a workbook because of how it is formatted.
enum XLSXDateStyles {
    /// Excel's built-in date and time formats; 27–36 and 50–58 are the East Asian ones.
    private static let builtIn: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// Nil when the workbook has no such part.
    static func read(_ package: XLSXPackage, path: String) throws -> [Bool]? {
        var customDates: Set<Int> = []
        var styles: [Bool] = []
        var inCellXfs = false
        let found = try package.parse(
            path,
            start: { element, attributes in
                switch element {
                case "numFmt":
                    if let id = attributes["numFmtId"].flatMap(Int.init), isDate(code: attributes["formatCode"] ?? "") {
                        customDates.insert(id)
                    }
                case "cellXfs":
                    inCellXfs = true
                case "xf" where inCellXfs:
                    let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
                    styles.append(builtIn.contains(id) || customDates.contains(id))
                default:
                    break
                }
            },
            end: { element in
                if element == "cellXfs" { inCellXfs = false }
            })
        return found ? styles : nil
    }

    /// A format code shows a date or time when it has a d, m, y, h or s outside quoted text ("days"), brackets
    /// ([Red], [$-409]), escapes (\d) and fill or padding characters (_x, *x). Hand-written: nothing here parses
    /// number format codes.
    static func isDate(code: String) -> Bool {
        var characters = code.lowercased().makeIterator()
        while let character = characters.next() {
            switch character {
            case "\"": while let next = characters.next(), next != "\"" {}
            case "[": while let next = characters.next(), next != "]" {}
            case "\\", "_", "*": _ = characters.next()
            case "d", "m", "y", "h", "s": return true
            default: break
            }
        }
        return false
    }
}
