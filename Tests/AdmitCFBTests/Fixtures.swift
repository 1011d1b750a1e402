import AdmitCFB
import Foundation

/// Deterministic bytes that differ at every offset (xorshift64), so a misplaced sector shows.
func pattern(_ count: Int, seed: UInt64) -> Data {
    var data = Data(count: count)
    var state = seed | 1
    data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
        var offset = 0
        while offset < count {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            withUnsafeBytes(of: state.littleEndian) { word in
                for i in 0..<min(8, count - offset) { raw[offset + i] = word[i] }
            }
            offset += 8
        }
    }
    return data
}

/// The shape of an ECMA-376 Agile-encrypted workbook, with the package of the given size.
func officeShapedStreams(packageSize: Int) -> [(path: [String], data: Data)] {
    [
        (["EncryptionInfo"], pattern(1_024, seed: 1)),
        (["EncryptedPackage"], pattern(packageSize, seed: 2)),
        (["\u{06}DataSpaces", "Version"], pattern(76, seed: 3)),
        (["\u{06}DataSpaces", "DataSpaceMap"], pattern(112, seed: 4)),
        (["\u{06}DataSpaces", "DataSpaceInfo", "StrongEncryptionDataSpace"], pattern(64, seed: 5)),
        (["\u{06}DataSpaces", "TransformInfo", "StrongEncryptionTransform", "\u{06}Primary"], pattern(200, seed: 6)),
    ]
}

/// A tree holding each stream at its path.
func compoundFile(_ streams: [(path: [String], data: Data)]) -> CompoundFile {
    func nodes(_ streams: [(path: [String], data: Data)]) -> [CompoundFile.Node] {
        var order: [String] = []
        var groups: [String: [(path: [String], data: Data)]] = [:]
        var result: [CompoundFile.Node] = []
        for stream in streams {
            if stream.path.count == 1 {
                result.append(.stream(stream.path[0], stream.data))
            } else {
                if groups[stream.path[0]] == nil { order.append(stream.path[0]) }
                groups[stream.path[0], default: []].append((Array(stream.path.dropFirst()), stream.data))
            }
        }
        return result + order.map { .storage($0, nodes(groups[$0]!)) }
    }
    return CompoundFile(nodes(streams))
}

/// A header field, read straight from the bytes ([MS-CFB] 2.2).
func headerField(_ file: Data, at offset: Int) -> UInt32 {
    (0..<4).reduce(0) { $0 | UInt32(file[file.startIndex + offset + $1]) << (8 * $1) }
}

func temporaryFile(_ name: String) -> URL {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("admit-cfb-\(UUID().uuidString)-\(name)")
}
