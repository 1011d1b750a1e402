import CXLSXWriter

/// A libxlsxwriter failure, carrying the library's own message (`lxw_strerror`).
public struct XLSXError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) { self.description = description }

    /// Throws unless `code` is `LXW_NO_ERROR`. Errors are matched by constant name: their numbers differ across versions.
    static func check(_ code: lxw_error, _ operation: @autoclosure () -> String) throws {
        guard code != LXW_NO_ERROR else { return }
        let reason = String(cString: lxw_strerror(code))
        if code == LXW_ERROR_CREATING_XLSX_FILE {
            throw XLSXError("\(operation()): the file cannot be created (\(reason))")
        }
        throw XLSXError("\(operation()): \(reason)")
    }
}
