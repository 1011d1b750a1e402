import Foundation

/// The shared string table (sharedStrings.xml) that `t="s"` cells index into. A string is the text of its `<t>`
/// elements, plain or split into rich-text runs (`<r><t>`); phonetic guides (`<rPh>`, furigana) are not part of it.
enum XLSXSharedStrings {
    static func read(_ data: Data, path: String) throws -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        try XMLEvents.parse(
            data, path: path,
            start: { element, _ in
                switch element {
                case "si": current = ""
                case "t": inText = phonetic == 0
                case "rPh": phonetic += 1
                default: break
                }
            },
            end: { element in
                switch element {
                case "si": strings.append(XLSXEscapes.decode(current))
                case "t": inText = false
                case "rPh": phonetic -= 1
                default: break
                }
            },
            text: { text in
                if inText { current += text }
            })
        return strings
    }
}
