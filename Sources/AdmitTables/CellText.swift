/// A sheet's or shared string's text as it streams in from XMLParser, never more than a cell may be: what comes
/// past the cap is dropped as it arrives, so one huge cell costs no memory.
struct CellText {
    /// An escape (`_x000D_`) is 7 characters for 1, so the raw text may be that much longer than the cell.
    private static let rawLimit = (TableReader.cellCharacterLimit + 1) * 7
    private(set) var raw = ""
    private var count = 0

    mutating func append(_ text: String) {
        guard count < Self.rawLimit else { return }
        let scalars = text.unicodeScalars
        let room = Self.rawLimit - count
        if scalars.count <= room {
            raw += text
            count += scalars.count
        } else {
            raw.unicodeScalars.append(contentsOf: scalars.prefix(room))
            count = Self.rawLimit
        }
    }

    mutating func clear() {
        raw = ""
        count = 0
    }

    /// The text with Office's escapes decoded, cut like every cell.
    var decoded: String { TableReader.cut(XLSXEscapes.decode(raw)) }
}
