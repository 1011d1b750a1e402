import AdmitCrypto
import AdmitTestTools
import Foundation
import Testing

@Suite struct SecretFileTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-secret-\(UUID())")

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    @Test func aSecretFileIsWrittenWholeWithMode0600() throws {
        let target = folder.appendingPathComponent("logins.csv")
        try SecretFile.write(Data("a,b\r\n".utf8), to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "a,b\r\n")
        #expect(try posixMode(target) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["logins.csv"])
    }

    @Test func aFailedWriteLeavesNothingBehind() throws {
        let target = folder.appendingPathComponent("logins.xlsx")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try SecretFile.write(to: target) { path in
                try Data("half".utf8).write(to: path)
                throw Boom()
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aMissingFolderIsNamedInOneSentence() throws {
        let target = folder.appendingPathComponent("no/such/folder/logins.xlsx")
        let error = #expect(throws: CryptoError.self) { try SecretFile.write(Data(), to: target) }
        #expect(error?.description == "cannot write \(target.path): the folder \(target.deletingLastPathComponent().path) does not exist")
    }
}
