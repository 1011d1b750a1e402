import AdmitCFB
import AdmitCore
import AdmitCrypto
import Foundation

/// A credential workbook that travels encrypted: written plain to a private temporary file, then sealed with
/// ECMA-376 Agile Encryption into a compound file that Excel and LibreOffice open after asking for the password.
public final class EncryptedWorkbook: CredentialSheetWriter {
    private let plain: PendingSecretFile
    private let workbook: CredentialWorkbook
    private let target: URL
    private let password: String

    public init(
        path: URL, password: String, heading: SheetHeading, measure: SheetMeasure, layouts: [SheetLayout],
        paper: Worksheet.Paper
    ) throws {
        target = path
        self.password = password
        plain = try PendingSecretFile(target: path.appendingPathExtension("plain"))
        workbook = try CredentialWorkbook(path: plain.temporary, heading: heading, measure: measure, layouts: layouts, paper: paper)
    }

    public func add(_ row: CredentialRow) throws { try workbook.add(row) }
    public var notices: [String] { workbook.notices }

    /// Encrypts the finished workbook a segment at a time, from the plain file into the target: memory stays flat
    /// whatever the workbook's size. Two passes: the file holds the package's integrity check before the package.
    public func close() throws {
        defer { plain.discard() }
        try workbook.close()
        let input = try FileHandle(forReadingFrom: plain.temporary)
        defer { try? input.close() }
        let size = Int(try input.seekToEnd())
        let encryptedSize = AgileEncryption.encryptedSize(ofPackage: size)
        // Into the file as it is (created 0600 by the caller), not a new one with default permissions.
        let output = try FileHandle(forWritingTo: target)
        defer { try? output.close() }
        try output.truncate(atOffset: 0)
        let encryptor = try AgileEncryption.Encryptor(password: password)
        func read(_ range: Range<Int>) throws -> [UInt8] {
            try input.seek(toOffset: UInt64(range.lowerBound))
            let bytes = Array(try input.read(upToCount: range.count) ?? Data())
            guard bytes.count == range.count else { throw CryptoError("the workbook \(plain.temporary.path) changed while it was encrypted") }
            return bytes
        }
        let check = try encryptor.encryptPackage(size: size, read: read) { _ in }
        let file = CompoundFile([
            .stream("EncryptionInfo", try encryptor.encryptionInfo(integrity: check)),
            .reserved("EncryptedPackage", size: encryptedSize),
            DataSpaces.storage,
        ])
        try file.write(to: output) { write in
            _ = try encryptor.encryptPackage(size: size, read: read) { try write(Data($0)) }
        }
    }

    /// The encrypted compound file for an XLSX package.
    public static func encrypt(_ package: Data, password: String) throws -> Data {
        let streams = try AgileEncryption.encrypt(package, password: password)
        return try CompoundFile([
            .stream("EncryptionInfo", streams.encryptionInfo),
            .stream("EncryptedPackage", streams.encryptedPackage),
            DataSpaces.storage,
        ]).data()
    }

    /// The XLSX package inside an encrypted file (Admit's own or another program's, if it is AES-256/SHA-512 Agile).
    public static func decrypt(_ file: Data, password: String) throws -> Data {
        let reader = try CompoundFileReader(data: file)
        guard let info = reader.stream(at: ["EncryptionInfo"]), let package = reader.stream(at: ["EncryptedPackage"]) else {
            throw CryptoError("the file is not an encrypted Office document")
        }
        return try AgileEncryption.decrypt(.init(encryptionInfo: info, encryptedPackage: package), password: password)
    }
}
