import AdmitCrypto
import AdmitTestTools
import Foundation
import Testing

@Suite struct DataKeyTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-key-\(UUID())")

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    @Test func aNewKeyFileIsPrivateAndLoadsBack() throws {
        let file = folder.appendingPathComponent("admit.key")
        #expect(try DataKey.load(from: file) == nil)
        let key = try DataKey.create(at: file)
        #expect(try posixMode(file) == 0o600)
        #expect(try DataKey.load(from: file)?.id == key.id)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(Data(base64Encoded: text.trimmingCharacters(in: .newlines))?.count == 32)
    }

    @Test func aSecondCreateKeepsTheFirstKey() throws {
        let file = folder.appendingPathComponent("admit.key")
        let first = try DataKey.create(at: file)
        let second = try DataKey.create(at: file)
        #expect(first.id == second.id)
    }

    @Test func aKeyFileOthersCanReadIsRefused() throws {
        let file = folder.appendingPathComponent("admit.key")
        _ = try DataKey.create(at: file)
        chmod(file.path, 0o644)
        let error = #expect(throws: CryptoError.self) { try DataKey.load(from: file) }
        #expect(error?.description.contains("chmod 600") == true)
    }

    @Test func aKeyFromTheEnvironmentMustBe32Bytes() throws {
        #expect(throws: CryptoError.self) { try DataKey(base64: "not base64!") }
        #expect(throws: CryptoError.self) { try DataKey(base64: Data(count: 16).base64EncodedString()) }
        #expect(try DataKey(base64: Data(count: 32).base64EncodedString()).idHex.count == 8)
    }
}
