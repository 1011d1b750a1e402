import AdmitCore
import Foundation

/// The roster as CSV: the roster sheet's columns, written by `CSVFile` with a byte-order mark, so that Excel
/// reads the names as UTF-8 (`José Núñez`, not `JosÃ© NÃºÃ±ez`).
public final class RosterCSV: CredentialSheetWriter {
    private let file: CSVFile

    public init(path: URL) throws {
        file = try CSVFile(path: path, byteOrderMark: true)
        try file.append(RosterSheet.columns)
    }

    public func add(_ row: CredentialRow) throws {
        try file.append(RosterSheet.cells(row))
    }

    public func close() throws { try file.close() }
}
