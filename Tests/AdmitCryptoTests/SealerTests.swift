import AdmitCrypto
import Foundation
import Testing

@Suite struct SealerTests {
    let sealer = Sealer(key: try! DataKey.generate())
    let guid = Array("1c0f6e4a-57b1-4c4e-9f0a-2d3b4c5d6e7f".utf8)

    @Test func sealedSecretsOpenWithTheirOwnGUID() throws {
        let blob = try sealer.seal(Array("K7QM4XPA9R".utf8), associatedData: guid)
        #expect(try sealer.open(blob, associatedData: guid) == Array("K7QM4XPA9R".utf8))
        #expect(!blob.containsSubsequence(Array("K7QM4XPA9R".utf8)))
    }

    @Test func sealingTwiceGivesDifferentBlobs() throws {
        let first = try sealer.seal(Array("SAME".utf8), associatedData: guid)
        let second = try sealer.seal(Array("SAME".utf8), associatedData: guid)
        #expect(first != second)
    }

    @Test func aBlobMovedToAnotherEntryDoesNotOpen() throws {
        let blob = try sealer.seal(Array("K7QM4XPA9R".utf8), associatedData: guid)
        #expect(throws: CryptoError.self) { try sealer.open(blob, associatedData: Array("another-guid".utf8)) }
    }

    @Test func anAlteredBlobDoesNotOpen() throws {
        var blob = try sealer.seal(Array("K7QM4XPA9R".utf8), associatedData: guid)
        blob[blob.count - 20] ^= 0x01
        #expect(throws: CryptoError.self) { try sealer.open(blob, associatedData: guid) }
    }

    @Test func aBlobOfAnotherKeyNamesTheKey() throws {
        let blob = try Sealer(key: try DataKey.generate()).seal(Array("x".utf8), associatedData: guid)
        let error = #expect(throws: CryptoError.self) { try sealer.open(blob, associatedData: guid) }
        #expect(error?.description.contains("another data key") == true)
    }
}

extension Array where Element == UInt8 {
    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { self[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
