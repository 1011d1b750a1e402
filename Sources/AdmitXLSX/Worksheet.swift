import AdmitCore
import CXLSXWriter
import Foundation

/// A worksheet of a `Workbook`, which owns it; keeping the workbook alive keeps the sheet valid.
public final class Worksheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    let workbook: Workbook

    init(handle: UnsafeMutablePointer<lxw_worksheet>, workbook: Workbook) {
        self.handle = handle
        self.workbook = workbook
    }

    public func write(_ text: String, row: Int, column: Int, format: Format? = nil) throws {
        try XLSXError.check(
            worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), text, format?.handle),
            "cannot write a cell of \(workbook.path)")
    }

    public func write(_ number: Double, row: Int, column: Int, format: Format? = nil) throws {
        try XLSXError.check(
            worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, format?.handle),
            "cannot write a cell of \(workbook.path)")
    }

    public func merge(_ text: String, row: Int, columns: ClosedRange<Int>, format: Format) throws {
        try XLSXError.check(
            worksheet_merge_range(
                handle, lxw_row_t(row), lxw_col_t(columns.lowerBound), lxw_row_t(row),
                lxw_col_t(columns.upperBound), text, format.handle),
            "cannot merge cells of \(workbook.path)")
    }

    /// A PNG image placed over the cell at `row`, `column`, `offset` points in from its top left corner, drawn
    /// `points` wide (and as tall as its proportions make it). libxlsxwriter keeps a copy until the workbook closes.
    public func insertImage(
        png: Data, row: Int, column: Int, offset: (x: Double, y: Double) = (0, 0), points: Double,
        pixelsWide: Int, description: String
    ) throws {
        // Excel places images in pixels at 96 dpi: 0.75 points each.
        var options = lxw_image_options()
        options.x_offset = Int32((offset.x / 0.75).rounded())
        options.y_offset = Int32((offset.y / 0.75).rounded())
        options.x_scale = points / 0.75 / Double(pixelsWide)
        options.y_scale = options.x_scale
        options.object_position = UInt8(LXW_OBJECT_DONT_MOVE_DONT_SIZE.rawValue)
        try description.withCString { text in
            options.description = UnsafeMutablePointer(mutating: text)
            try png.withUnsafeBytes { bytes in
                try XLSXError.check(
                    worksheet_insert_image_buffer_opt(
                        handle, lxw_row_t(row), lxw_col_t(column),
                        bytes.bindMemory(to: UInt8.self).baseAddress, png.count, &options),
                    "cannot place an image in \(workbook.path)")
            }
        }
    }

    /// Page breaks before each of these rows (at most 1,023 per sheet, Excel's limit).
    public func setPageBreaks(before rows: [Int]) throws {
        var breaks = rows.map { lxw_row_t($0) } + [0]
        try XLSXError.check(worksheet_set_h_pagebreaks(handle, &breaks), "cannot set the page breaks of \(workbook.path)")
    }

    public func setColumns(_ columns: ClosedRange<Int>, width: Double, format: Format? = nil) throws {
        try XLSXError.check(
            worksheet_set_column(handle, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound), width, format?.handle),
            "cannot size the columns of \(workbook.path)")
    }

    /// The height of rows not sized by `setRow`. In constant-memory mode libxlsxwriter forgets written rows' heights
    /// and places images as if rows had this height.
    public func setDefaultRowHeight(_ height: Double) { worksheet_set_default_row(handle, height, 0) }

    public func setRow(_ row: Int, height: Double, format: Format? = nil) throws {
        try XLSXError.check(worksheet_set_row(handle, lxw_row_t(row), height, format?.handle), "cannot size a row of \(workbook.path)")
    }

    // MARK: Page setup

    public enum Paper: String, CaseIterable, Sendable {
        case a4, letter

        /// Reads `a4` or `letter` as typed on the command line.
        public static func named(_ text: String) throws -> Paper {
            guard let paper = Paper(rawValue: text.lowercased()) else {
                throw AdmitError(.invalidInput, .notAPaperSize(text))
            }
            return paper
        }

        /// libxlsxwriter's paper number.
        var code: UInt8 { self == .a4 ? 9 : 1 }
        /// The page height in points (portrait).
        public var height: Double { self == .a4 ? 841.9 : 792 }
        /// The page width in points (portrait).
        public var width: Double { self == .a4 ? 595.3 : 612 }
    }

    /// What prints: nothing outside these cells, not even text that would spill out of them.
    public func setPrintArea(rows: ClosedRange<Int>, columns: ClosedRange<Int>) throws {
        try XLSXError.check(
            worksheet_print_area(
                handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound)),
            "cannot set the print area of \(workbook.path)")
    }

    public func setPaper(_ paper: Paper) { worksheet_set_paper(handle, paper.code) }
    public func setLandscape() { worksheet_set_landscape(handle) }
    public func setPortrait() { worksheet_set_portrait(handle) }
    public func fitToPages(wide: Int, tall: Int) { worksheet_fit_to_pages(handle, UInt16(wide), UInt16(tall)) }
    /// The sheet shown when the workbook opens.
    public func activate() { worksheet_activate(handle) }
    public func freezePanes(rows: Int, columns: Int) { worksheet_freeze_panes(handle, lxw_row_t(rows), lxw_col_t(columns)) }
    public func printGridlines() { worksheet_gridlines(handle, UInt8(LXW_SHOW_ALL_GRIDLINES.rawValue)) }

    public func setMargins(left: Double, right: Double, top: Double, bottom: Double) {
        worksheet_set_margins(handle, left, right, top, bottom)
    }

    public func repeatRows(_ rows: ClosedRange<Int>) throws {
        try XLSXError.check(
            worksheet_repeat_rows(handle, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)),
            "cannot repeat the header rows of \(workbook.path)")
    }

    public func autofilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) throws {
        try XLSXError.check(
            worksheet_autofilter(handle, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn)),
            "cannot add a filter to \(workbook.path)")
    }

    /// A cell's A1 name, as formulas refer to it.
    public static func cellName(row: Int, column: Int) -> String {
        var name = [CChar](repeating: 0, count: 16)  // LXW_MAX_CELL_NAME_LENGTH, "$XFWD$1048576" and its NUL
        lxw_rowcol_to_cell(&name, lxw_row_t(row), lxw_col_t(column))
        return String(cString: name)
    }

    /// Header and footer use Excel's codes: `&L`, `&C`, `&R` for the parts, `&P` page, `&N` pages.
    public func setHeader(_ header: String) throws {
        try XLSXError.check(worksheet_set_header(handle, header), "cannot set the page header of \(workbook.path)")
    }

    public func setFooter(_ footer: String) throws {
        try XLSXError.check(worksheet_set_footer(handle, footer), "cannot set the page footer of \(workbook.path)")
    }

    /// Text placed in a header or footer: `&` doubled so it prints as itself, cut to fit Excel's 255-character limit.
    public static func headerText(_ text: String, limit: Int = 80) -> String {
        let cut = text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
        return cut.replacingOccurrences(of: "&", with: "&&")
    }
}
