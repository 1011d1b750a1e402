/// How much room text takes when Excel lays a sheet out (and LibreOffice does, with the metric-compatible
/// fonts: Carlito for Calibri, Liberation Mono for Courier New), so layouts are sized from what they print.
enum PrintMetrics {
    /// The typeface of credentials: every glyph of Courier New is 0.6 em wide, bold or not.
    static func monospaced(_ characters: Int, size: Double) -> Double { Double(characters) * 0.6 * size }

    /// Calibri averages under 0.5 em a character in names and headings; bold a little more. An estimate, for text
    /// that may shrink to fit: credentials are always measured as monospaced.
    static func proportional(_ characters: Int, size: Double, bold: Bool = false) -> Double {
        Double(characters) * (bold ? 0.54 : 0.49) * size
    }

    /// A column `units` wide (Excel's width in characters of Calibri 11) is 7 pixels a unit plus 5 of padding,
    /// at 96 pixels an inch: its text area is 5.25 points a unit.
    static func points(ofUnits units: Double) -> Double { (units * 7 + 5) * 0.75 }

    /// The narrowest column whose text area holds `text` points, with a tenth to spare for renderers' rounding.
    static func units(holding text: Double) -> Double {
        (text * 1.1 / 5.25 + 0.5).rounded(.up)
    }

    /// The width of whole columns, in points, as `units` as `points(ofUnits:)` counts them.
    static func units(ofPoints points: Double) -> Double { max(0, points / 0.75 - 5) / 7 }
}
