import Foundation
import Testing

@testable import AdmitCFB

/// The on-disk layout other readers depend on, checked against [MS-CFB] rather than against our reader.
@Suite struct LayoutTests {
    @Test func headerFieldsAreThoseOfAVersion3File() throws {
        let file = try compoundFile(officeShapedStreams(packageSize: 5000)).data()
        #expect(Array(file.prefix(8)) == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        #expect(file[8..<24].allSatisfy { $0 == 0 })  // header CLSID
        let u16 = { (offset: Int) in UInt16(file[offset]) | UInt16(file[offset + 1]) << 8 }
        #expect(u16(24) == 0x003E)  // minor version
        #expect(u16(26) == 3)  // major version
        #expect(u16(28) == 0xFFFE)  // byte order
        #expect(u16(30) == 9)  // 512-byte sectors
        #expect(u16(32) == 6)  // 64-byte mini sectors
        #expect(file[34..<40].allSatisfy { $0 == 0 })
        #expect(headerField(file, at: 40) == 0)  // directory sectors: 0 in version 3
        #expect(headerField(file, at: 52) == 0)  // transaction signature
        #expect(headerField(file, at: 56) == 4096)  // mini stream cutoff
        #expect(headerField(file, at: 64) >= 1)  // mini FAT sectors: EncryptionInfo is small
        #expect(file.count == 512 * (1 + Int(totalSectors(file))))
        // The header's DIFAT lists each FAT sector, and the FAT marks it FATSECT.
        let fatCount = Int(headerField(file, at: 44))
        for i in 0..<109 {
            let sector = headerField(file, at: 76 + 4 * i)
            if i < fatCount {
                #expect(fatEntry(file, sector) == 0xFFFF_FFFD)
            } else {
                #expect(sector == 0xFFFF_FFFF)
            }
        }
    }

    @Test func difatSectorsAreMarkedAndChained() throws {
        let file = try compoundFile(officeShapedStreams(packageSize: 10 << 20)).data()
        var next = headerField(file, at: 68)
        var listed = 109
        for _ in 0..<headerField(file, at: 72) {
            #expect(fatEntry(file, next) == 0xFFFF_FFFC)  // DIFSECT
            let base = 512 * (Int(next) + 1)
            for slot in 0..<127 where listed < Int(headerField(file, at: 44)) {
                #expect(fatEntry(file, headerField(file, at: base + 4 * slot)) == 0xFFFF_FFFD)
                listed += 1
            }
            next = headerField(file, at: base + 508)
        }
        #expect(next == 0xFFFF_FFFE)
        #expect(listed == Int(headerField(file, at: 44)))
    }

    @Test func fatAndDIFATAreJustLargeEnoughToMapEverySector() {
        for content in 1...40_000 {
            let (fat, difat) = AllocationTable.fatAndDIFATCounts(contentSectors: content)
            let total = content + fat + difat
            #expect(fat * 128 >= total && (fat - 1) * 128 < total, "FAT for \(content) sectors")
            #expect(difat == max(0, (fat - 109 + 126) / 127), "DIFAT for \(content) sectors")
        }
    }

    @Test func directoryIsPaddedWithEmptyEntries() throws {
        let reader = try CompoundFileReader(data: try compoundFile(officeShapedStreams(packageSize: 1)).data())
        #expect(reader.directory.count % 4 == 0)
        #expect(reader.directory.count == 12)  // root + 10 entries, padded to 3 sectors
        for entry in reader.directory.suffix(1) {
            #expect(entry == DirectoryEntry.empty)
            #expect(entry.left == 0xFFFF_FFFF && entry.right == 0xFFFF_FFFF && entry.child == 0xFFFF_FFFF)
        }
        #expect(reader.directory[0].nameString == "Root Entry")
        #expect(reader.directory[0].kind == .root)
    }

    @Test(arguments: [1, 2, 3, 4, 7, 8, 15, 16, 40])
    func siblingsFormOrderedRedBlackTrees(count: Int) throws {
        // Mixed lengths and cases: the order is by length first, then upper-cased code units.
        let names = (0..<count).map { i in String(repeating: ["x", "Y", "b", "A"][i % 4], count: 1 + (i * 7) % 5) + "\(i)" }
        let file = try CompoundFile(
            [
                .storage("Outer", names.map { .stream($0, Data([1])) }),
                .stream("EncryptedPackage", Data(count: 10)),
            ] + names.map { .storage($0, []) }
        ).data()
        let directory = try CompoundFileReader(data: file).directory
        #expect(directory[0].color == .black)
        var storages = [0]
        while let id = storages.popLast() {
            let tree = try #require(inOrder(directory, from: directory[id].child))
            let keys = tree.map { (directory[$0].name.count, Array(directory[$0].nameString.uppercased().utf16)) }
            for (a, b) in zip(keys, keys.dropFirst()) {
                #expect(a.0 < b.0 || (a.0 == b.0 && a.1.lexicographicallyPrecedes(b.1)), "siblings out of order")
            }
            if let root = tree.isEmpty ? nil : Int(directory[id].child) {
                #expect(directory[root].color == .black)
                #expect(blackHeight(directory, root) != nil, "red-black rules broken under \(directory[id].nameString)")
            }
            storages += tree.filter { directory[$0].kind == .storage }
        }
    }

    // MARK: - Helpers reading the bytes as [MS-CFB] lays them out

    private func totalSectors(_ file: Data) -> UInt32 { UInt32(file.count / 512 - 1) }

    private func fatEntry(_ file: Data, _ sector: UInt32) -> UInt32 {
        let perFAT = 128
        let (k, slot) = Int(sector).quotientAndRemainder(dividingBy: perFAT)
        let fatSector = k < 109 ? headerField(file, at: 76 + 4 * k) : difatListed(file, k)
        return headerField(file, at: 512 * (Int(fatSector) + 1) + 4 * slot)
    }

    private func difatListed(_ file: Data, _ k: Int) -> UInt32 {
        let (difat, slot) = (k - 109).quotientAndRemainder(dividingBy: 127)
        var sector = headerField(file, at: 68)
        for _ in 0..<difat { sector = headerField(file, at: 512 * (Int(sector) + 1) + 508) }
        return headerField(file, at: 512 * (Int(sector) + 1) + 4 * slot)
    }

    private func inOrder(_ directory: [DirectoryEntry], from id: UInt32) -> [Int]? {
        guard id != 0xFFFF_FFFF else { return [] }
        guard let left = inOrder(directory, from: directory[Int(id)].left),
            let right = inOrder(directory, from: directory[Int(id)].right)
        else { return nil }
        return left + [Int(id)] + right
    }

    /// Black nodes on every path down, or nil if a red node has a red child or two paths differ.
    private func blackHeight(_ directory: [DirectoryEntry], _ id: Int) -> Int? {
        let node = directory[id]
        var heights: [Int] = []
        for child in [node.left, node.right] {
            if child == 0xFFFF_FFFF {
                heights.append(1)
                continue
            }
            if node.color == .red && directory[Int(child)].color == .red { return nil }
            guard let height = blackHeight(directory, Int(child)) else { return nil }
            heights.append(height)
        }
        guard heights[0] == heights[1] else { return nil }
        return heights[0] + (node.color == .black ? 1 : 0)
    }
}
