import AdmitCore
import Foundation

/// The roster as CSV: the roster table's columns (the workbook's roster sheet prints the same), written by `CSVFile` with a byte-order mark, so that Excel
/// reads the names as UTF-8 (`José Núñez`, not `JosÃ© NÃºÃ±ez`).
public final class RosterCSV: CredentialSheetWriter {
    private let file: CSVFile

    public init(path: URL) throws {
        file = try CSVFile(path: path, byteOrderMark: true)
        try file.append(RosterTable.columns)
    }

    public func add(_ row: CredentialRow) throws {
        try file.append(RosterTable.cells(row))
    }

    public func close() throws { try file.close() }
}
