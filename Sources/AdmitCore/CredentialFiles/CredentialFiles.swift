import AdmitCrypto
import Foundation

/// The credential files of one operation, written under temporary names (0600) and renamed into place only
/// when the operation has committed. Dropped without `commit()`, they leave nothing behind.
final class CredentialFiles {
    private let requests: [CredentialFileRequest]
    private let pending: [PendingSecretFile]
    private let heading: SheetHeading
    private(set) var notices: [String] = []

    var targets: [URL] { pending.map(\.target) }
    var isEmpty: Bool { pending.isEmpty }

    /// Creates the temporary files first, so an unwritable destination is refused before anything changes.
    init(_ requests: [CredentialFileRequest], heading: SheetHeading) throws {
        let targets = requests.map(\.target.standardizedFileURL)
        if Set(targets).count != targets.count {
            throw AdmitError(.invalidInput, .sameFileTwice)
        }
        self.requests = requests
        self.heading = heading
        for request in requests {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: request.target.path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                throw AdmitError(.invalidInput, .outputIsFolder(request.target.path))
            }
            // Credentials of other candidates may be in it: replacing it must be asked for.
            if !request.replacing {
                throw AdmitError(.invalidInput, .outputExists(request.target.path))
            }
        }
        pending = try requests.map { request in
            do { return try PendingSecretFile(target: request.target) } catch let error as CryptoError {
                throw AdmitError(.invalidInput, .cryptography(error))
            }
        }
    }

    /// Writes `rows` into every file.
    func write(_ rows: [CredentialRow]) throws {
        try write { add in for row in rows { try add(row) } }
    }

    /// Writes the rows `forEachRow` hands over into every file. It is called twice, with the same rows: once to
    /// measure them, so each layout is sized from the longest value it prints, then to write them.
    func write(_ forEachRow: ((CredentialRow) throws -> Void) throws -> Void) throws {
        guard !pending.isEmpty else { return }
        do { try writeEach(forEachRow) } catch { throw AdmitError(fileSystem: error, writing: targets) ?? error }
    }

    private func writeEach(_ forEachRow: ((CredentialRow) throws -> Void) throws -> Void) throws {
        var measure = SheetMeasure()
        try forEachRow { measure.include($0) }
        let writers = try zip(requests, pending).map { try $0.makeWriter(heading, measure, $1.temporary) }
        try forEachRow { row in
            for writer in writers { try writer.add(row) }
        }
        for writer in writers { try writer.close() }
        notices = writers.flatMap(\.notices)
    }

    /// Puts the files in place; a failure says what happened with `afterward` (what is saved, and how to print it again).
    func commit(afterward: SavedAnyway = .entriesSaved) throws {
        for file in pending {
            do { try file.commit() } catch let error as CryptoError {
                throw AdmitError(.storage, .filesNotPlaced(error, afterward))
            }
        }
    }

}
