import CLibCrypto
import Foundation

/// The installation's 32-byte data key, under which sealed secrets are kept.
///
/// Stored as one line of base64, either in a file beside the database (mode 0600) or in `ADMIT_DATA_KEY`.
/// Its id (4 bytes of a SHA-256 of the key) goes into every sealed blob, so a wrong key is named, not guessed.
public struct DataKey: Sendable {
    public static let length = 32
    static let idLength = 4

    let bytes: [UInt8]
    public let id: [UInt8]

    public init(bytes: [UInt8]) throws {
        guard bytes.count == Self.length else {
            throw CryptoError("a data key must be \(Self.length) bytes, this one has \(bytes.count)")
        }
        self.bytes = bytes
        self.id = Array(try Self.sha256(Array("admit data key id".utf8) + bytes).prefix(Self.idLength))
    }

    public var idHex: String { Self.hex(id) }

    /// A key given as base64 text (the key file's line, or `ADMIT_DATA_KEY`).
    public init(base64 text: String) throws {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CryptoError("the data key is not valid base64")
        }
        try self.init(bytes: Array(data))
    }

    public static func generate(random: any RandomSource = SecureRandom()) throws -> DataKey {
        try DataKey(bytes: random.bytes(length))
    }

    /// The key in `file`, or nil when there is no such file. A key file others may read is refused.
    public static func load(from file: URL) throws -> DataKey? {
        let path = file.path
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { return nil }
            throw CryptoError("cannot read the data key file \(path): \(String(cString: strerror(errno)))")
        }
        if status.st_mode & 0o077 != 0 {
            throw CryptoError(
                "the data key file \(path) can be read by other users (mode \(String(status.st_mode & 0o777, radix: 8))); run: chmod 600 \(path)")
        }
        do {
            return try DataKey(base64: String(contentsOf: file, encoding: .utf8))
        } catch let error as CryptoError {
            throw CryptoError("the data key file \(path) is damaged: \(error.description)")
        }
    }

    /// Writes a new key to a new file (0600); false, writing nothing, when the file exists (a key is never replaced:
    /// the secrets sealed under it would be lost).
    public static func generate(into file: URL, random: any RandomSource = SecureRandom()) throws -> Bool {
        try SecretFile.createExclusively(Data(base64EncodedKey: try generate(random: random).bytes), at: file)
    }

    /// Creates a new key file (0600), unless another process made one first, in which case that key is returned.
    public static func create(at file: URL, random: any RandomSource = SecureRandom()) throws -> DataKey {
        let key = try generate(random: random)
        let line = Data(base64EncodedKey: key.bytes)
        if try SecretFile.createExclusively(line, at: file) { return key }
        guard let existing = try load(from: file) else { throw CryptoError("the data key file \(file.path) vanished") }
        return existing
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func sha256(_ input: [UInt8]) throws -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_Digest(input, input.count, &digest, &length, EVP_sha256(), nil) == 1 else {
            throw CryptoError.openSSL("SHA-256")
        }
        return Array(digest.prefix(Int(length)))
    }
}

extension Data {
    fileprivate init(base64EncodedKey bytes: [UInt8]) {
        self = Data((Data(bytes).base64EncodedString() + "\n").utf8)
    }
}
