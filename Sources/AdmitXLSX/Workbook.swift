import CXLSXWriter
import Foundation

/// Owns one `lxw_workbook`. `close()` writes the file; a workbook dropped without closing is freed unwritten.
public final class Workbook {
    let handle: UnsafeMutablePointer<lxw_workbook>
    private var isClosed = false
    public let path: String

    /// libxlsxwriter writes numbers with sprintf: under a locale with a decimal comma the XML would break. The
    /// locale is the process's, so it is set once, before the first workbook, not again under running threads.
    private static let numbersInCLocale: Void = { setlocale(LC_NUMERIC, "C") }()

    /// - Parameter constantMemory: stream rows to disk as they are written (rows must then come strictly in
    ///   order), so memory stays flat however many rows there are.
    public init(path: String, constantMemory: Bool = false) throws {
        Self.numbersInCLocale
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        guard let handle = workbook_new_opt(path, &options) else {
            throw XLSXError("cannot start the workbook \(path)")
        }
        self.handle = handle
        self.path = path
    }

    deinit {
        if !isClosed { lxw_workbook_free(handle) }
    }

    public func addWorksheet(_ name: String) throws -> Worksheet {
        guard let sheet = workbook_add_worksheet(handle, name) else {
            throw XLSXError("cannot add the worksheet \"\(name)\" to \(path)")
        }
        return Worksheet(handle: sheet, workbook: self)
    }

    public func addFormat(_ configure: (Format) -> Void) -> Format {
        let format = Format(handle: workbook_add_format(handle))
        configure(format)
        return format
    }

    /// Writes the file. The workbook cannot be used afterwards.
    public func close() throws {
        precondition(!isClosed, "a workbook is closed once")
        isClosed = true  // workbook_close frees the handle whatever it returns.
        try XLSXError.check(workbook_close(handle), "cannot write \(path)")
    }
}

/// A cell format, owned and freed by its workbook.
public final class Format {
    let handle: UnsafeMutablePointer<lxw_format>

    init(handle: UnsafeMutablePointer<lxw_format>) { self.handle = handle }

    public func bold() { format_set_bold(handle) }
    public func fontName(_ name: String) { format_set_font_name(handle, name) }
    public func fontSize(_ points: Double) { format_set_font_size(handle, points) }
    public func background(_ rgb: Int32) { format_set_bg_color(handle, lxw_color_t(rgb)) }
    public func bottomBorder() { format_set_bottom(handle, UInt8(LXW_BORDER_THIN.rawValue)) }
    /// Dashed edges: the cut lines around a slip.
    public func dashedEdges(top: Bool, bottom: Bool, left: Bool, right: Bool) {
        let dashed = UInt8(LXW_BORDER_DASHED.rawValue)
        if top { format_set_top(handle, dashed) }
        if bottom { format_set_bottom(handle, dashed) }
        if left { format_set_left(handle, dashed) }
        if right { format_set_right(handle, dashed) }
    }
    public func italic() { format_set_italic(handle) }
    public func fontColor(_ rgb: Int32) { format_set_font_color(handle, lxw_color_t(rgb)) }
    public func wrap() { format_set_text_wrap(handle) }
    public func alignVerticalCenter() { format_set_align(handle, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue)) }
    public func alignCenter() { format_set_align(handle, UInt8(LXW_ALIGN_CENTER.rawValue)) }
    public func alignTop() { format_set_align(handle, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
    /// Smaller type rather than text spilling out of the cell (a long name on a slip).
    public func shrinkToFit() { format_set_shrink(handle) }
    /// Excel's number format: `@` keeps what is typed as text (leading zeros, long IDs), `yyyy-mm-dd` shows dates.
    public func numberFormat(_ code: String) { format_set_num_format(handle, code) }
}
