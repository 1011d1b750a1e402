import AdmitCFB
import Foundation
import Testing

@Suite struct RoundTripTests {
    /// Around the mini stream cutoff (4096), and past 109 FAT sectors (~7 MB), where DIFAT sectors begin.
    @Test(arguments: [0, 1, 4095, 4096, 4097, 10 << 20, 30 << 20])
    func officeShapedFileReadsBackByteForByte(packageSize: Int) throws {
        let streams = officeShapedStreams(packageSize: packageSize)
        let url = temporaryFile("office.cfb")
        defer { try? FileManager.default.removeItem(at: url) }
        try compoundFile(streams).write(to: url)

        let reader = try CompoundFileReader(url: url)
        #expect(Set(reader.streamPaths) == Set(streams.map(\.path)))
        for stream in streams {
            let read = reader.stream(at: stream.path)
            #expect(read?.count == stream.data.count, "\(stream.path)")
            #expect(read == stream.data, "\(stream.path)")
        }
        #expect(
            reader.entries.filter { $0.kind == .storage }.map(\.path) == [
                ["\u{06}DataSpaces"],
                ["\u{06}DataSpaces", "DataSpaceInfo"],
                ["\u{06}DataSpaces", "TransformInfo"],
                ["\u{06}DataSpaces", "TransformInfo", "StrongEncryptionTransform"],
            ])
    }

    /// A stream written piece by piece as the file is written is the same file as one held in memory.
    @Test(arguments: [4096, 4097, 10 << 20])
    func aReservedStreamFilledWhileWritingMakesTheSameFile(size: Int) throws {
        let package = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        let small = Data(repeating: 0xAB, count: 1_000)
        let whole = try CompoundFile([.stream("EncryptionInfo", small), .stream("EncryptedPackage", package)]).data()
        let url = temporaryFile("reserved.cfb")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try CompoundFile([.stream("EncryptionInfo", small), .reserved("EncryptedPackage", size: size)]).write(to: handle) { write in
            for start in stride(from: 0, to: size, by: 4096) { try write(package[start..<min(start + 4096, size)]) }
        }
        try handle.close()
        #expect(try Data(contentsOf: url) == whole)
        #expect(try CompoundFileReader(url: url).stream(at: ["EncryptedPackage"]) == package)
    }

    @Test func aReservedStreamMustGetExactlyItsSize() throws {
        let url = temporaryFile("short.cfb")
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        #expect(throws: CFBError.self) {
            try CompoundFile([.reserved("EncryptedPackage", size: 8_192)]).write(to: handle) { write in try write(Data(count: 100)) }
        }
    }

    @Test(arguments: [10 << 20, 30 << 20])
    func largeFilesUseDIFATSectors(packageSize: Int) throws {
        let file = try compoundFile(officeShapedStreams(packageSize: packageSize)).data()
        let fatSectors = headerField(file, at: 44)
        let difatSectors = headerField(file, at: 72)
        #expect(fatSectors > 109)
        #expect(difatSectors > 0)
        #expect(difatSectors == (fatSectors - 109 + 126) / 127)
        #expect(headerField(file, at: 68) != 0xFFFF_FFFE)  // first DIFAT sector
        #expect(file.count % 512 == 0)
    }

    @Test func smallFilesKeepTheDIFATInTheHeader() throws {
        let file = try compoundFile(officeShapedStreams(packageSize: 4097)).data()
        #expect(headerField(file, at: 72) == 0)
        #expect(headerField(file, at: 68) == 0xFFFF_FFFE)
    }

    @Test func namesAreFoundWhateverTheirCase() throws {
        let data = try CompoundFile([.storage("\u{06}DataSpaces", [.stream("Version", Data([1, 2, 3]))])]).data()
        let reader = try CompoundFileReader(data: data)
        #expect(reader.stream(at: ["\u{06}dataspaces", "VERSION"]) == Data([1, 2, 3]))
        #expect(reader.stream(at: ["\u{06}DataSpaces"]) == nil)  // a storage is not a stream
        #expect(reader.stream(at: ["Missing"]) == nil)
    }

    @Test func manySiblingsAndEmptyStorages() throws {
        var children: [CompoundFile.Node] = (0..<57).map { i in
            .stream(String(repeating: i % 2 == 0 ? "a" : "B", count: 1 + i % 9) + "\(i)", pattern(i * 97, seed: UInt64(i)))
        }
        children.append(.storage("Empty", []))
        let reader = try CompoundFileReader(data: try CompoundFile(children).data())
        #expect(reader.entries.count == 58)
        for case .stream(let name, let data) in children {
            #expect(reader.stream(at: [name]) == data, "\(name)")
        }
        #expect(reader.entries.contains { $0.path == ["Empty"] && $0.kind == .storage })
    }
}
