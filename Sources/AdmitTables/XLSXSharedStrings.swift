import Foundation

/// The shared string table (sharedStrings.xml) that `t="s"` cells index into. A string is the text of its `<t>`
/// elements, plain or split into rich-text runs (`<r><t>`); phonetic guides (`<rPh>`, furigana) are not part of it.
enum XLSXSharedStrings {
    /// The strings, each cut like a cell; nil when the workbook has no such part. Their text together is capped like
    /// a table's.
    static func read(_ package: XLSXPackage, path: String) throws -> [String]? {
        var strings: [String] = []
        var current = CellText()
        var textSize = 0
        var inText = false
        var phonetic = 0
        let found = try package.parse(
            path,
            start: { element, _ in
                switch element {
                case "si": current.clear()
                case "t": inText = phonetic == 0
                case "rPh": phonetic += 1
                default: break
                }
            },
            end: { element in
                switch element {
                case "si":
                    let string = current.decoded
                    textSize += string.utf8.count
                    guard textSize <= TableBuilder.textLimit else { throw TableError.tooMuchText }
                    strings.append(string)
                case "t": inText = false
                case "rPh": phonetic -= 1
                default: break
                }
            },
            text: { text in
                if inText { current.append(text) }
            })
        return found ? strings : nil
    }
}
