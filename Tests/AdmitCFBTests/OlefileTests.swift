import AdmitCFB
import Foundation
import Testing

/// olefile is an independent reader: if it sees the same streams with the same bytes and no defect,
/// the file is not merely consistent with our own reader.
@Suite struct OlefileTests {
    @Test(arguments: [0, 4097, 30 << 20])
    func olefileReadsEveryStreamWithoutDefects(packageSize: Int) throws {
        let streams = officeShapedStreams(packageSize: packageSize)
        let url = temporaryFile("olefile.cfb")
        defer { try? FileManager.default.removeItem(at: url) }
        try compoundFile(streams).write(to: url)

        let listing = try olefileListing(url)
        #expect(listing.issues == [])
        #expect(listing.streams.count == streams.count)
        for stream in streams {
            let seen = listing.streams.first { $0.path == stream.path }
            #expect(seen?.size == stream.data.count, "\(stream.path)")
            #expect(seen?.sha256 == (try sha256Hex(stream.data)), "\(stream.path)")
        }
        #expect(
            Set(listing.storages) == [
                ["\u{06}DataSpaces"],
                ["\u{06}DataSpaces", "DataSpaceInfo"],
                ["\u{06}DataSpaces", "TransformInfo"],
                ["\u{06}DataSpaces", "TransformInfo", "StrongEncryptionTransform"],
            ])
    }

    /// Packages of whole sectors around the point where the 110th FAT sector, and so a DIFAT sector, is needed.
    @Test func bothReadersAgreeOnEitherSideOfTheFirstDIFATSector() throws {
        var difatCounts: Set<UInt32> = []
        for sectors in 13_833...13_838 {
            let streams = officeShapedStreams(packageSize: sectors * 512)
            let url = temporaryFile("boundary.cfb")
            defer { try? FileManager.default.removeItem(at: url) }
            try compoundFile(streams).write(to: url)
            let file = try Data(contentsOf: url)
            difatCounts.insert(headerField(file, at: 72))

            let reader = try CompoundFileReader(data: file)
            #expect(reader.stream(at: ["EncryptedPackage"]) == streams[1].data)
            let listing = try olefileListing(url)
            #expect(listing.issues == [])
            #expect(listing.streams.first { $0.path == ["EncryptedPackage"] }?.size == sectors * 512)
        }
        #expect(difatCounts == [0, 1])
    }

    @Test func olefileFindsEachOfManySiblings() throws {
        let children: [CompoundFile.Node] = (0..<40).map {
            .stream("Stream\(String(repeating: "x", count: $0 % 6))\($0)", pattern($0 * 150, seed: 9))
        }
        let url = temporaryFile("siblings.cfb")
        defer { try? FileManager.default.removeItem(at: url) }
        try CompoundFile(children).write(to: url)
        let listing = try olefileListing(url)
        #expect(listing.issues == [])
        #expect(Set(listing.streams.map(\.path)) == Set(children.map { [$0.name] }))
    }
}
