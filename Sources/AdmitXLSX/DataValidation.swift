import CXLSXWriter
import Foundation

/// What a range of cells accepts, and what Excel says when one is selected (input message) or refused (error
/// message). Blank cells are always accepted. Excel limits titles to 32 characters and messages to 255.
public struct DataValidation {
    public enum Rule {
        /// Anything: only the input message matters.
        case any
        case maximumLength(Int)
        /// A date between two formulas, such as `DATE(1900,1,1)` and `TODAY()` (kept current as the file is reused).
        case dateBetween(String, String)
        /// A formula true for an acceptable value, written for the range's top-left cell (Excel shifts it for the rest).
        case custom(String)
    }

    public var rule: Rule
    public var inputTitle: String?
    public var inputMessage: String?
    public var errorTitle: String?
    public var errorMessage: String?

    public init(_ rule: Rule, inputTitle: String? = nil, inputMessage: String? = nil, errorTitle: String? = nil, errorMessage: String? = nil) {
        self.rule = rule
        self.inputTitle = inputTitle
        self.inputMessage = inputMessage
        self.errorTitle = errorTitle
        self.errorMessage = errorMessage
    }
}

extension Worksheet {
    public func validate(rows: ClosedRange<Int>, columns: ClosedRange<Int>, _ validation: DataValidation) throws {
        var options = lxw_data_validation()  // zero: blanks ignored, messages and drop-downs shown, "stop" errors
        // libxlsxwriter copies every string it is given: these copies are ours to free.
        var copies: [UnsafeMutablePointer<CChar>?] = []
        defer { for copy in copies { free(copy) } }
        func c(_ text: String?) -> UnsafeMutablePointer<CChar>? {
            let copy = text.flatMap { strdup($0) }
            copies.append(copy)
            return copy
        }
        switch validation.rule {
        case .any:
            options.validate = UInt8(LXW_VALIDATION_TYPE_ANY.rawValue)
        case .maximumLength(let length):
            options.validate = UInt8(LXW_VALIDATION_TYPE_LENGTH.rawValue)
            options.criteria = UInt8(LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO.rawValue)
            options.value_number = Double(length)
        case .dateBetween(let first, let last):
            options.validate = UInt8(LXW_VALIDATION_TYPE_DATE_FORMULA.rawValue)
            options.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
            options.minimum_formula = c(first)
            options.maximum_formula = c(last)
        case .custom(let formula):
            options.validate = UInt8(LXW_VALIDATION_TYPE_CUSTOM_FORMULA.rawValue)
            options.value_formula = c(formula)
        }
        options.input_title = c(validation.inputTitle)
        options.input_message = c(validation.inputMessage)
        options.error_title = c(validation.errorTitle)
        options.error_message = c(validation.errorMessage)
        try XLSXError.check(
            worksheet_data_validation_range(
                handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound), &options),
            "cannot add a data validation to \(workbook.path)")
    }
}
