import AdmitCFB
import Foundation

/// The `\u{06}DataSpaces` storage of an encrypted Office file ([MS-OFFCRYPTO] 2.1): it tells Excel that the
/// `EncryptedPackage` stream goes through the strong-encryption transform. LibreOffice does without it; Excel does not.
enum DataSpaces {
    static var storage: CompoundFile.Node {
        .storage(
            "\u{06}DataSpaces",
            [
                .stream("Version", version),
                .stream("DataSpaceMap", map),
                .storage("DataSpaceInfo", [.stream("StrongEncryptionDataSpace", definition)]),
                .storage("TransformInfo", [.storage("StrongEncryptionTransform", [.stream("\u{06}Primary", primary)])]),
            ])
    }

    /// DataSpaceVersionInfo: the feature name, then reader, updater and writer versions 1.0.
    static var version: Data {
        var data = lengthPrefixed("Microsoft.Container.DataSpaces")
        for _ in 0..<3 { data += uint16(1) + uint16(0) }
        return data
    }

    /// DataSpaceMap: one entry mapping the EncryptedPackage stream to the strong-encryption data space.
    static var map: Data {
        let entryBody = uint32(1) + uint32(0) + lengthPrefixed("EncryptedPackage") + lengthPrefixed("StrongEncryptionDataSpace")
        return uint32(8) + uint32(1) + uint32(UInt32(4 + entryBody.count)) + entryBody
    }

    /// DataSpaceDefinition: the data space uses one transform.
    static var definition: Data {
        uint32(8) + uint32(1) + lengthPrefixed("StrongEncryptionTransform")
    }

    /// TransformInfoHeader and EncryptionTransformInfo of the encryption transform.
    static var primary: Data {
        let id = lengthPrefixed("{FF9A3F03-56EF-4613-BDD5-5A41C1D07246}")
        var data = uint32(UInt32(8 + id.count)) + uint32(1) + id + lengthPrefixed("Microsoft.Container.EncryptionTransform")
        for _ in 0..<3 { data += uint16(1) + uint16(0) }
        // EncryptionName (empty UTF-8-LP-P4), EncryptionBlockSize, CipherMode, Reserved.
        return data + uint32(0) + uint32(0) + uint32(0) + uint32(4)
    }

    /// UNICODE-LP-P4: the UTF-16LE byte count, the characters, padding to a multiple of 4 bytes.
    static func lengthPrefixed(_ text: String) -> Data {
        let characters = Data(text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        return uint32(UInt32(characters.count)) + characters + Data(count: (4 - characters.count % 4) % 4)
    }

    static func uint32(_ value: UInt32) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
    static func uint16(_ value: UInt16) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
}
