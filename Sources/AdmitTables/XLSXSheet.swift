import Foundation

/// Reads a worksheet part (`<sheetData><row r="7"><c r="C7" t="s" s="3"><v>…`) a row at a time.
/// Cells go to the column their reference names, so skipped cells read as ""; rows keep their sheet numbers.
enum XLSXSheet {
    struct Context {
        let path: String
        let source: String
        let sharedStrings: XLSXSharedStrings.Strings
        let dateStyles: [Bool]
        let uses1904Dates: Bool
    }

    /// Hands every row to `builder`; false when the workbook has no such part.
    static func read(_ package: XLSXPackage, _ context: Context, into builder: inout TableBuilder) throws -> Bool {
        var rowNumber = 0
        var cells: [String] = []
        var inRow = false
        var column = -1
        var type = "n"
        var style = 0
        var value = CellText()
        var hasValue = false
        var capturing = false
        var inInline = false
        var phonetic = 0
        let damaged = TableError.damaged(context.path)

        return try package.parse(
            context.path,
            start: { element, attributes in
                switch element {
                case "row":
                    if let r = attributes["r"] {
                        guard let number = Int(r), number > 0 else { throw damaged }
                        rowNumber = number
                    } else {
                        rowNumber += 1
                    }
                    guard rowNumber <= TableBuilder.rowLimit else { throw TableError.tooManyRows(in: context.source) }
                    (cells, inRow, column) = ([], true, -1)
                case "c":
                    if let r = attributes["r"] {
                        guard let referenced = CellReference.column(of: r) else { throw damaged }
                        column = referenced
                    } else {
                        column += 1
                    }
                    guard column < TableBuilder.columnLimit else { throw TableError.tooManyColumns(row: rowNumber) }
                    (type, hasValue) = (attributes["t"] ?? "n", false)
                    value.clear()
                    style = attributes["s"].flatMap(Int.init) ?? 0
                case "v":
                    (capturing, hasValue) = (true, true)
                case "is":
                    (inInline, hasValue) = (true, true)
                case "t" where inInline && phonetic == 0:
                    capturing = true
                case "rPh":
                    phonetic += 1
                default:
                    break
                }
            },
            end: { element in
                switch element {
                case "v", "t":
                    capturing = false
                case "rPh":
                    phonetic -= 1
                case "is":
                    inInline = false
                case "c" where inRow && hasValue:
                    guard let text = text(type: type, value: value, style: style, context) else { throw damaged }
                    if column >= cells.count { cells += repeatElement("", count: column - cells.count + 1) }
                    cells[column] = text
                case "row" where inRow:
                    try builder.add(number: rowNumber, cells: cells)
                    inRow = false
                default:
                    break
                }
            },
            text: { text in
                if capturing { value.append(text) }
            })
    }

    /// A cell's text by its type: shared string, inline string, formula string, boolean, error, ISO date, number.
    private static func text(type: String, value text: CellText, style: Int, _ context: Context) -> String? {
        let value = text.raw
        switch type {
        case "s":
            guard let index = Int(value), context.sharedStrings.indices.contains(index) else { return nil }
            return context.sharedStrings[index]
        case "inlineStr", "str":
            return text.decoded
        case "e":
            return value
        case "b":
            return value == "1" || value.lowercased() == "true" ? "TRUE" : "FALSE"
        case "d":
            return isoDate(value)
        default:
            let isDate = context.dateStyles.indices.contains(style) && context.dateStyles[style]
            return XLSXCellValue.number(value, isDate: isDate, uses1904Dates: context.uses1904Dates)
        }
    }

    /// A `t="d"` cell (ISO 8601, written by some tools) shown like a date-styled number: the time only if there is one.
    private static func isoDate(_ value: String) -> String {
        let parts = value.split(separator: "T", maxSplits: 1)
        let date = parts.first.map(String.init) ?? value
        let time = parts.dropFirst().first?.prefix(8) ?? ""
        if time.isEmpty || time.allSatisfy({ $0 == "0" || $0 == ":" }) { return date }
        return "\(date) \(time.count == 8 && time.hasSuffix(":00") ? time.prefix(5) : time)"
    }
}
