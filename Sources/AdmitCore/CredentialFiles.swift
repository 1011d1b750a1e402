import AdmitCrypto
import Foundation

/// The credential files of one operation, written under temporary names (0600) and renamed into place only
/// when the operation has committed. Dropped without `commit()`, they leave nothing behind.
final class CredentialFiles {
    private let pending: [PendingSecretFile]
    private let writers: [any CredentialSheetWriter]

    var targets: [URL] { pending.map(\.target) }
    var isEmpty: Bool { pending.isEmpty }

    /// Creates the temporary files first, so an unwritable destination is refused before anything changes.
    init(_ requests: [CredentialFileRequest], heading: SheetHeading) throws {
        let targets = requests.map(\.target.standardizedFileURL)
        if Set(targets).count != targets.count {
            throw AdmitError(.invalidInput, "two outputs name the same file")
        }
        pending = try requests.map { request in
            do { return try PendingSecretFile(target: request.target) } catch let error as CryptoError {
                throw AdmitError(.invalidInput, error.description)
            }
        }
        writers = try zip(requests, pending).map { try $0.makeWriter(heading, $1.temporary) }
    }

    func add(_ row: CredentialRow) throws {
        for writer in writers { try writer.add(row) }
    }

    func finish() throws {
        for writer in writers { try writer.close() }
    }

    func commit() throws {
        for file in pending {
            do { try file.commit() } catch let error as CryptoError {
                throw AdmitError(.storage, "\(error.description); the entries are saved, export them again with `admit entries export`")
            }
        }
    }
}
