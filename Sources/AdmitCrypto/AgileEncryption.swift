import CLibCrypto
import Foundation

/// ECMA-376 Agile Encryption ([MS-OFFCRYPTO] 2.3.4.10–2.3.4.15) of an Office package: AES-256-CBC, SHA-512,
/// a password key spun 100,000 times, and the HMAC-SHA512 data-integrity check. Produces the two streams an
/// encrypted Office file holds (`EncryptionInfo`, `EncryptedPackage`) and reads them back.
// Hand-written over libcrypto: no package here implements MS-OFFCRYPTO.
public enum AgileEncryption {
    static let spinCount = 100_000
    static let keyBytes = 32, blockBytes = 16, saltBytes = 16, hashBytes = 64, segmentBytes = 4096
    static let verifierInputKey: [UInt8] = [0xFE, 0xA7, 0xD2, 0x76, 0x3B, 0x4B, 0x9E, 0x79]
    static let verifierValueKey: [UInt8] = [0xD7, 0xAA, 0x0F, 0x6D, 0x30, 0x61, 0x34, 0x4E]
    static let keyValueKey: [UInt8] = [0x14, 0x6E, 0x0B, 0xE7, 0xAB, 0xAC, 0xD0, 0xD6]
    static let hmacKeyKey: [UInt8] = [0x5F, 0xB2, 0xAD, 0x01, 0x0C, 0xB9, 0xE1, 0xF6]
    static let hmacValueKey: [UInt8] = [0xA0, 0x67, 0x7F, 0x02, 0xB2, 0x2C, 0x84, 0x33]

    public struct Streams: Sendable {
        public var encryptionInfo: Data
        public var encryptedPackage: Data

        public init(encryptionInfo: Data, encryptedPackage: Data) {
            self.encryptionInfo = encryptionInfo
            self.encryptedPackage = encryptedPackage
        }
    }

    public static func encrypt(_ package: Data, password: String, random: any RandomSource = SecureRandom()) throws -> Streams {
        let encryptor = try Encryptor(password: password, random: random)
        let bytes = Array(package)
        var encrypted = Data()
        let check = try encryptor.encryptPackage(
            size: bytes.count, read: { range in Array(bytes[range]) }, write: { encrypted.append(contentsOf: $0) })
        return Streams(encryptionInfo: try encryptor.encryptionInfo(integrity: check), encryptedPackage: encrypted)
    }

    /// The size of the `EncryptedPackage` stream of a package of `size` bytes: its length, then the padded segments.
    public static func encryptedSize(ofPackage size: Int) -> Int { 8 + (size + blockBytes - 1) / blockBytes * blockBytes }

    /// One encryption: its keys, made once, and the package encrypted a segment at a time, so a workbook of any
    /// size needs no more memory than a segment. The same package encrypts to the same bytes every time.
    public final class Encryptor {
        let secretKey: [UInt8], keySalt: [UInt8], passwordSalt: [UInt8], hmacKey: [UInt8], verifierInput: [UInt8]
        let spun: [UInt8]

        public init(password: String, random: any RandomSource = SecureRandom()) throws {
            secretKey = try random.bytes(keyBytes)
            keySalt = try random.bytes(saltBytes)
            passwordSalt = try random.bytes(saltBytes)
            hmacKey = try random.bytes(hashBytes)
            verifierInput = try random.bytes(saltBytes)
            spun = try spin(password, salt: passwordSalt)
        }

        /// Hands the `EncryptedPackage` stream to `write` in pieces, reading the package's bytes `read` a segment
        /// at a time; returns the HMAC-SHA512 of the whole stream, for `encryptionInfo(integrity:)`.
        public func encryptPackage(size: Int, read: (Range<Int>) throws -> [UInt8], write: ([UInt8]) throws -> Void) throws -> [UInt8] {
            let hmac = try HMACStream(key: hmacKey)
            let length = UInt64(size).littleEndianBytes
            try hmac.update(length)
            try write(length)
            var index: UInt32 = 0
            for start in stride(from: 0, to: size, by: segmentBytes) {
                let segment = try read(start..<min(start + segmentBytes, size))
                let encrypted = try Cipher.aes256CBC(padded(segment), key: secretKey, iv: iv(keySalt, index.littleEndianBytes), encrypting: true)
                try hmac.update(encrypted)
                try write(encrypted)
                index += 1
            }
            return try hmac.finish()
        }

        /// The `EncryptionInfo` stream, with the integrity check of the encrypted package.
        public func encryptionInfo(integrity hmacValue: [UInt8]) throws -> Data {
            let encryptedHmacKey = try Cipher.aes256CBC(hmacKey, key: secretKey, iv: iv(keySalt, hmacKeyKey), encrypting: true)
            let encryptedHmacValue = try Cipher.aes256CBC(hmacValue, key: secretKey, iv: iv(keySalt, hmacValueKey), encrypting: true)
            func encryptWith(_ blockKey: [UInt8], _ value: [UInt8]) throws -> [UInt8] {
                try Cipher.aes256CBC(padded(value), key: try derive(spun, blockKey), iv: passwordSalt, encrypting: true)
            }
            let xml = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r
                <encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" \
                xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password" \
                xmlns:c="http://schemas.microsoft.com/office/2006/keyEncryptor/certificate">\
                <keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" \
                cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="\(base64(keySalt))"/>\
                <dataIntegrity encryptedHmacKey="\(base64(encryptedHmacKey))" encryptedHmacValue="\(base64(encryptedHmacValue))"/>\
                <keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">\
                <p:encryptedKey spinCount="\(spinCount)" saltSize="16" blockSize="16" keyBits="256" hashSize="64" \
                cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="\(base64(passwordSalt))" \
                encryptedVerifierHashInput="\(base64(try encryptWith(verifierInputKey, verifierInput)))" \
                encryptedVerifierHashValue="\(base64(try encryptWith(verifierValueKey, try Digest.sha512(verifierInput))))" \
                encryptedKeyValue="\(base64(try encryptWith(keyValueKey, secretKey)))"/>\
                </keyEncryptor></keyEncryptors></encryption>
                """
            // Version 4.4 (Agile), reserved flags 0x40, then the XML.
            var info = Data([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00])
            info.append(Data(xml.utf8))
            return info
        }
    }

    /// The package inside, or a `CryptoError` saying the password is wrong or the file was altered.
    public static func decrypt(_ streams: Streams, password: String) throws -> Data {
        let info = try AgileInfo(streams.encryptionInfo)
        let spun = try spin(password, salt: info.passwordSalt, count: info.spinCount)
        func decryptWith(_ blockKey: [UInt8], _ value: [UInt8]) throws -> [UInt8] {
            try Cipher.aes256CBC(value, key: try derive(spun, blockKey), iv: info.passwordSalt, encrypting: false)
        }
        let verifierInput = try decryptWith(verifierInputKey, info.verifierInput)
        let verifierHash = try decryptWith(verifierValueKey, info.verifierValue)
        guard constantTimeEquals(try Digest.sha512(Array(verifierInput.prefix(saltBytes))), verifierHash.prefix(hashBytes)) else {
            throw CryptoError("the password does not open this file")
        }
        let secretKey = Array(try decryptWith(keyValueKey, info.keyValue).prefix(keyBytes))
        let encrypted = Array(streams.encryptedPackage)
        guard encrypted.count >= 8 else { throw CryptoError("the encrypted package is damaged") }
        let hmacKey = try Cipher.aes256CBC(info.encryptedHmacKey, key: secretKey, iv: iv(info.keySalt, hmacKeyKey), encrypting: false)
        let hmacValue = try Cipher.aes256CBC(info.encryptedHmacValue, key: secretKey, iv: iv(info.keySalt, hmacValueKey), encrypting: false)
        guard constantTimeEquals(try Digest.hmacSHA512(key: Array(hmacKey.prefix(hashBytes)), encrypted), hmacValue.prefix(hashBytes)) else {
            throw CryptoError("the encrypted file was altered: its integrity check fails")
        }
        let size = encrypted.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        let plain = try decryptedSegments(of: Array(encrypted.dropFirst(8)), key: secretKey, salt: info.keySalt)
        guard size <= plain.count else { throw CryptoError("the encrypted package is damaged") }
        return Data(plain.prefix(Int(size)))
    }

    /// H0 = SHA-512(salt + UTF-16LE password); Hn = SHA-512(n as 32-bit LE + Hn-1), n from 0 to count - 1.
    static func spin(_ password: String, salt: [UInt8], count: Int = spinCount) throws -> [UInt8] {
        var hash = try Digest.sha512(salt + Array(password.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let digest = try Digest()
        for iterator in 0..<UInt32(count) {
            hash = try digest.sha512(iterator.littleEndianBytes + hash)
        }
        return hash
    }

    /// The key for one block key: SHA-512(spun + blockKey), cut to 32 bytes.
    static func derive(_ spun: [UInt8], _ blockKey: [UInt8]) throws -> [UInt8] {
        Array(try Digest.sha512(spun + blockKey).prefix(keyBytes))
    }

    /// An IV from the key salt and a block key: SHA-512(salt + blockKey), cut to the block size.
    static func iv(_ salt: [UInt8], _ blockKey: [UInt8]) throws -> [UInt8] {
        Array(try Digest.sha512(salt + blockKey).prefix(blockBytes))
    }

    /// The encrypted package's 4096-byte segments decrypted, each with the IV of its index.
    static func decryptedSegments(of input: [UInt8], key: [UInt8], salt: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count + blockBytes)
        var index: UInt32 = 0
        var start = 0
        while start < input.count {
            let segment = Array(input[start..<min(start + segmentBytes, input.count)])
            output += try Cipher.aes256CBC(segment, key: key, iv: iv(salt, index.littleEndianBytes), encrypting: false)
            start += segmentBytes
            index += 1
        }
        return output
    }

    static func padded(_ bytes: [UInt8]) -> [UInt8] {
        let remainder = bytes.count % blockBytes
        return remainder == 0 ? bytes : bytes + [UInt8](repeating: 0, count: blockBytes - remainder)
    }

    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}

extension FixedWidthInteger {
    var littleEndianBytes: [UInt8] { withUnsafeBytes(of: littleEndian) { Array($0) } }
}
