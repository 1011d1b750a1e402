import Foundation

/// What a table is read from, as often as it is read: text (a CSV file or pasted rows) as UTF-8 bytes split at
/// its delimiter, or one sheet of a workbook.
enum TableOrigin {
    case text(Data, delimiter: UInt8, source: String)
    case sheet(XLSXReader.Sheet)

    /// How errors name it: "the file", "the pasted text", "the sheet \"Roster\"".
    var source: String {
        switch self {
        case .text(_, _, let source): source
        case .sheet(let sheet): sheet.context.source
        }
    }

    /// Hands every row to `builder`, in order.
    func read(into builder: inout TableBuilder) throws {
        switch self {
        case .text(let bytes, let delimiter, _): try DelimitedText.read(bytes, delimiter: delimiter, into: &builder)
        case .sheet(let sheet): try sheet.read(into: &builder)
        }
    }

    /// The whole table, every row in memory.
    func table(readAs: String?) throws -> Table {
        var rows: [Table.Row] = []
        var builder = TableBuilder(source: source) { rows.append($0) }
        try read(into: &builder)
        var table = Table(header: try builder.heading(), rows: rows)
        table.readAs = readAs
        return table
    }
}
