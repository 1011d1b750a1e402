import Foundation
import Testing

@testable import AdmitCrypto

@Suite struct AgileEncryptionTests {
    @Test(arguments: [0, 1, 15, 16, 4095, 4096, 4097, 100_000])
    func aPackageComesBackWithItsPassword(size: Int) throws {
        let package = Data(try SecureRandom().bytes(size))
        let streams = try AgileEncryption.encrypt(package, password: "K7QM-4XPA-9RXW-2MNB-7CQZ")
        #expect(try AgileEncryption.decrypt(streams, password: "K7QM-4XPA-9RXW-2MNB-7CQZ") == package)
        // The size, then whole AES blocks.
        #expect(streams.encryptedPackage.count == 8 + (size + 15) / 16 * 16)
        if size >= 16 { #expect(streams.encryptedPackage.range(of: package.prefix(16)) == nil) }
    }

    @Test func aWrongPasswordOrAnAlteredFileIsRefused() throws {
        let streams = try AgileEncryption.encrypt(Data("PK credentials".utf8), password: "right password")
        let wrong = #expect(throws: CryptoError.self) { try AgileEncryption.decrypt(streams, password: "wrong password") }
        #expect(wrong?.description == "the password does not open this file")
        var altered = streams
        altered.encryptedPackage[20] ^= 1
        let tampered = #expect(throws: CryptoError.self) { try AgileEncryption.decrypt(altered, password: "right password") }
        #expect(tampered?.description.contains("altered") == true)
    }

    @Test func theInfoStreamDescribesAES256WithSHA512And100000Spins() throws {
        let info = try AgileEncryption.encrypt(Data("x".utf8), password: "p").encryptionInfo
        #expect(Array(info.prefix(8)) == [4, 0, 4, 0, 0x40, 0, 0, 0])
        let xml = String(decoding: info.dropFirst(8), as: UTF8.self)
        for fragment in [
            "spinCount=\"100000\"", "keyBits=\"256\"", "hashAlgorithm=\"SHA512\"", "cipherChaining=\"ChainingModeCBC\"", "<dataIntegrity ",
        ] {
            #expect(xml.contains(fragment))
        }
    }

    /// Known answer: H0 = SHA-512(salt + UTF-16LE password), then one round per iteration.
    @Test func theSpinFollowsTheSpecification() throws {
        let salt = [UInt8](repeating: 1, count: 16)
        var expected = try Digest.sha512(salt + [0x70, 0x00, 0x77, 0x00])  // "pw"
        for n in 0..<UInt32(3) { expected = try Digest.sha512(n.littleEndianBytes + expected) }
        #expect(try AgileEncryption.spin("pw", salt: salt, count: 3) == expected)
    }
}
