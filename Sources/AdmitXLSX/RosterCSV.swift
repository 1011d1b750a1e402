import AdmitCore
import Foundation

/// The roster as CSV, for scripts: the roster sheet's columns, written by `CSVFile` (no byte-order mark, so
/// the first heading reads as itself).
public final class RosterCSV: CredentialSheetWriter {
    private let file: CSVFile

    public init(path: URL) throws {
        file = try CSVFile(path: path)
        try file.append(RosterSheet.columns)
    }

    public func add(_ row: CredentialRow) throws {
        try file.append(RosterSheet.cells(row))
    }

    public func close() throws { try file.close() }
}
