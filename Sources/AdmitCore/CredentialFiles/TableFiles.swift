import AdmitCrypto
import Foundation

/// A plain table for a file: a heading row and rows of text cells.
public struct TableContent: Equatable, Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }
}

/// A table file to produce: where it goes, and how to write a table at a given (temporary) path.
public struct TableFileRequest {
    public var target: URL
    public var write: (TableContent, URL) throws -> Void

    public init(target: URL, write: @escaping (TableContent, URL) throws -> Void) {
        self.target = target
        self.write = write
    }
}

/// Table files written under temporary names (0600) and renamed into place only by `commit()`, like
/// `CredentialFiles`: dropped before that, they leave nothing behind.
final class TableFiles {
    private let requests: [TableFileRequest]
    private let pending: [PendingSecretFile]

    var targets: [URL] { pending.map(\.target) }

    init(_ requests: [TableFileRequest]) throws {
        let targets = requests.map(\.target.standardizedFileURL)
        if Set(targets).count != targets.count { throw AdmitError(.invalidInput, .sameFileTwice) }
        self.requests = requests
        pending = try requests.map { request in
            do { return try PendingSecretFile(target: request.target) } catch let error as CryptoError {
                throw AdmitError(.invalidInput, .cryptography(error))
            }
        }
    }

    /// Writes the `index`th file's table under its temporary name.
    func write(_ table: TableContent, at index: Int) throws {
        do { try requests[index].write(table, pending[index].temporary) } catch {
            throw AdmitError(fileSystem: error, writing: [pending[index].target]) ?? error
        }
    }

    func commit() throws {
        for file in pending {
            do { try file.commit() } catch let error as CryptoError { throw AdmitError(.storage, .cryptography(error)) }

        }
    }
}
