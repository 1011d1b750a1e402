/// Cell references such as "C7". Hand-written: nothing here parses A1 references.
enum CellReference {
    /// The 0-based column of `reference` ("C7" → 2), nil when it does not start with a letter. Past Excel's last
    /// column (XFD) it stops growing at `TableBuilder.columnLimit`, so a hostile "AAAA…" cannot overflow.
    static func column(of reference: String) -> Int? {
        var column = 0
        for byte in reference.utf8 {
            guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte & ~0x20) else { break }
            column = min(column * 26 + Int(byte & 0x1F), TableBuilder.columnLimit + 1)
        }
        return column == 0 ? nil : column - 1
    }
}
