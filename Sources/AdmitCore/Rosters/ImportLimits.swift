/// What an import keeps of a file, so that a small upload cannot grow into a large database and every job's files
/// stay writable as spreadsheets (README, "Limits").
public enum ImportLimits {
    /// Excel's most characters in a cell (AdmitTables' readers cut longer cells to one more): a longer cell is its
    /// row's error, and is kept cut to this.
    public static let cellCharacters = 32_767
    /// A cell of a column Admit does not use is kept to this many characters; the report names the columns cut.
    public static let unusedCellCharacters = 1_000
    /// The text a job keeps of its rows, in UTF-8 bytes: a file that would keep more is refused before anything is
    /// recorded.
    public static let jobText = 8 << 20

    /// `text` to at most `limit` characters (Unicode scalars, as libxlsxwriter counts them).
    static func cut(_ text: String, to limit: Int) -> String {
        guard isLonger(text, than: limit) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit)))
    }

    static func isLonger(_ text: String, than limit: Int) -> Bool {
        text.utf8.count > limit && text.unicodeScalars.count > limit
    }
}
