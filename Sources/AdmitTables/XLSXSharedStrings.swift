import Foundation

/// The shared string table (sharedStrings.xml) that `t="s"` cells index into. A string is the text of its `<t>`
/// elements, plain or split into rich-text runs (`<r><t>`); phonetic guides (`<rPh>`, furigana) are not part of it.
enum XLSXSharedStrings {
    /// The strings, each cut like a cell; nil when the workbook has no such part. Their text together is capped like
    /// a table's.
    static func read(_ package: XLSXPackage, path: String) throws -> Strings? {
        var strings = Strings()
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

extension XLSXSharedStrings {
    /// The strings as one run of UTF-8 bytes and where each ends: a string costs its bytes and 4 more, where a Swift
    /// string apiece costs 16 bytes and, past 15 bytes, an allocation of its own. The table's text is capped at 16 MiB,
    /// so the ends fit 32 bits.
    struct Strings {
        private var bytes: [UInt8] = []
        private var ends: [UInt32] = []

        var indices: Range<Int> { ends.indices }

        mutating func append(_ string: String) {
            bytes.append(contentsOf: string.utf8)
            ends.append(UInt32(bytes.count))
        }

        subscript(index: Int) -> String {
            let start = index == 0 ? 0 : Int(ends[index - 1])
            return String(decoding: bytes[start..<Int(ends[index])], as: UTF8.self)
        }
    }
}
