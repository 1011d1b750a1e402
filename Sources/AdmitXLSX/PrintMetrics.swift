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

    /// A column `units` wide (Excel's width in characters of Calibri 11) is a digit's width a unit plus 5 pixels
    /// of padding, at 96 pixels an inch. Excel rounds the digit to 7 pixels, so its text area is 5.25 points a
    /// unit; LibreOffice keeps Carlito's 7.44, so its columns print about 6 % wider. Text is fitted to Excel's
    /// narrower columns, pages to LibreOffice's wider ones, so both print what was laid out.
    static let textPointsPerUnit = 5.25
    static let widestPixelsPerUnit = 7.44

    /// The most a column `units` wide takes on paper, in points.
    static func points(ofUnits units: Double) -> Double { (units * widestPixelsPerUnit + 5) * 0.75 }

    /// The narrowest column whose text area holds `text` points, with a tenth to spare for renderers' rounding.
    static func units(holding text: Double) -> Double {
        (text * 1.1 / textPointsPerUnit + 0.5).rounded(.up)
    }

    /// The narrowest column that holds `characters` of Courier New at `size`: its widths are exact, so a few points
    /// spare rather than a proportion.
    static func units(holdingMonospaced characters: Int, size: Double) -> Double {
        ((monospaced(characters, size: size) + 6) / textPointsPerUnit).rounded(.up)
    }

    /// A column for text that shrinks to fit when the estimate falls short (names): no proportion to spare.
    static func units(shrinking text: Double) -> Double {
        (text / textPointsPerUnit + 0.5).rounded(.up)
    }

    /// How many units of columns fit `points` of paper, as `points(ofUnits:)` counts them.
    static func units(ofPoints points: Double) -> Double { max(0, points / 0.75 - 5) / widestPixelsPerUnit }
}
