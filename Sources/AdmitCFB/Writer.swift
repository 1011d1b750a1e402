// Hand-written: no library mirrored here writes Compound File Binary files.
import Foundation

/// Lays out a tree of storages and streams as a version 3 compound file.
///
/// Sector order: FAT, DIFAT, directory, mini FAT, mini stream, then each large stream; every run is contiguous.
enum Writer {
    /// A directory entry with its stream's bytes, in directory order (the root first).
    struct Item {
        var entry: DirectoryEntry
        var data: Data?
        var path: String
        /// A reserved stream's bytes come later: it has a size and no data.
        var isReserved = false
        var size: Int { isReserved ? Int(entry.streamSize) : data?.count ?? 0 }
    }

    static func write(_ children: [CompoundFile.Node]) throws -> Data {
        let (file, reserved) = try layOut(children)
        precondition(reserved == nil, "a file with a reserved stream is written with write(to:filling:)")
        return file
    }

    /// The whole file; or, with a reserved stream, the file up to that stream, which is then the end of the file.
    static func layOut(_ children: [CompoundFile.Node]) throws -> (file: Data, reserved: (path: String, size: Int)?) {
        var items = try directory(of: children)

        // Streams under the cutoff share the mini stream; empty streams own no sector at all.
        var miniFAT = AllocationTable()
        var miniStream: [UInt8] = []
        var large: [Int] = []
        for i in items.indices where items[i].entry.kind == .stream {
            let data = items[i].data ?? Data()
            if items[i].isReserved {
                guard items[i].size >= Sector.miniStreamCutoff else {
                    throw CFBError.unsupported("a reserved stream of fewer than \(Sector.miniStreamCutoff) bytes (\(items[i].path))")
                }
                large.append(i)
            } else if data.isEmpty {
                items[i].entry.startSector = Sector.endOfChain
            } else if data.count < Sector.miniStreamCutoff {
                let length = Sector.count(data.count, of: Sector.miniSize)
                items[i].entry.startSector = miniFAT.appendChain(length: length)
                miniStream += data
                miniStream += repeatElement(0, count: length * Sector.miniSize - data.count)
            } else {
                large.append(i)
            }
        }

        let miniFATBytes = miniFAT.sectors()
        let directorySectors = Sector.count(items.count, of: Sector.entriesPerSector)
        let miniFATSectors = miniFATBytes.count / Sector.size
        let miniStreamSectors = Sector.count(miniStream.count)
        let largeSectors = large.map { Sector.count(items[$0].size) }
        let reserved = large.firstIndex { items[$0].isReserved }
        if let reserved, reserved != large.count - 1 || large.filter({ items[$0].isReserved }).count > 1 {
            throw CFBError.unsupported("a reserved stream followed by another large stream (\(items[large[reserved]].path))")
        }
        let (fatSectors, difatSectors) = AllocationTable.fatAndDIFATCounts(
            contentSectors: directorySectors + miniFATSectors + miniStreamSectors + largeSectors.reduce(0, +))

        var fat = AllocationTable()
        let firstFAT = fat.appendMarked(Sector.fat, length: fatSectors)
        let firstDIFAT = fat.appendMarked(Sector.difat, length: difatSectors)
        let firstDirectory = fat.appendChain(length: directorySectors)
        let firstMiniFAT = fat.appendChain(length: miniFATSectors)
        items[0].entry.startSector = fat.appendChain(length: miniStreamSectors)
        items[0].entry.streamSize = UInt64(miniStream.count)
        for (i, length) in zip(large, largeSectors) {
            items[i].entry.startSector = fat.appendChain(length: length)
        }

        var header = Header()
        header.fatSectorCount = UInt32(fatSectors)
        header.firstDirectorySector = firstDirectory
        header.firstMiniFATSector = firstMiniFAT
        header.miniFATSectorCount = UInt32(miniFATSectors)
        header.firstDIFATSector = difatSectors > 0 ? firstDIFAT : Sector.endOfChain
        header.difatSectorCount = UInt32(difatSectors)
        let fatLocations = (0..<UInt32(fatSectors)).map { firstFAT + $0 }
        for (i, sector) in fatLocations.prefix(Sector.headerDIFATCount).enumerated() { header.difat[i] = sector }

        // With a reserved stream, the file ends where it starts: its bytes are written after these.
        let end = reserved.map { Header.size + Int(items[large[$0]].entry.startSector) * Sector.size } ?? Header.size + fat.count * Sector.size
        var file = Data(count: end)
        func place(_ bytes: some Collection<UInt8>, at sector: UInt32) {
            guard !bytes.isEmpty else { return }  // an empty run has no sector (ENDOFCHAIN)
            let offset = Header.size + Int(sector) * Sector.size
            file.replaceSubrange(offset..<offset + bytes.count, with: bytes)
        }
        file.replaceSubrange(0..<Header.size, with: header.encoded())
        place(fat.sectors(), at: firstFAT)
        place(difatBytes(fatLocations: fatLocations, firstDIFAT: firstDIFAT, count: difatSectors), at: firstDIFAT)
        place(directoryBytes(items, sectors: directorySectors), at: firstDirectory)
        place(miniFATBytes, at: firstMiniFAT)
        place(miniStream, at: items[0].entry.startSector)
        for i in large where !items[i].isReserved { place(items[i].data!, at: items[i].entry.startSector) }
        return (file, reserved.map { (items[large[$0]].path, items[large[$0]].size) })
    }

    /// The directory entries: the root, then each storage's children in sorted order, breadth first.
    static func directory(of children: [CompoundFile.Node]) throws -> [Item] {
        var root = DirectoryEntry()
        root.name = Array("Root Entry".utf16)
        root.kind = .root
        root.color = .black
        var items = [Item(entry: root, data: nil, path: "")]
        var storages: [(id: Int, children: [CompoundFile.Node], path: String)] = [(0, children, "")]
        var next = 0
        while next < storages.count {
            let (parent, children, path) = storages[next]
            next += 1
            let named = try children.map { (units: try EntryName.units(of: $0.name, in: path), node: $0) }
                .sorted { EntryName.precedes($0.units, $1.units) }
            for (a, b) in zip(named, named.dropFirst()) where !EntryName.precedes(a.units, b.units) {
                throw CFBError.duplicateName(name: b.node.name, storage: path.isEmpty ? "Root Entry" : path)
            }
            let first = items.count
            let tree = SiblingTree(count: named.count)
            for (i, child) in named.enumerated() {
                var entry = DirectoryEntry()
                entry.name = child.units
                entry.color = tree.nodes[i].color
                entry.left = tree.nodes[i].left.map { UInt32(first + $0) } ?? StreamID.none
                entry.right = tree.nodes[i].right.map { UInt32(first + $0) } ?? StreamID.none
                let childPath = path.isEmpty ? child.node.name : path + "/" + child.node.name
                switch child.node {
                case .stream(_, let data):
                    // Version 3 keeps sizes in 32 bits and [MS-CFB] caps them at 0x80000000.
                    guard data.count <= 0x8000_0000 else {
                        throw CFBError.streamTooLarge(path: childPath, size: data.count)
                    }
                    entry.kind = .stream
                    entry.streamSize = UInt64(data.count)
                    items.append(Item(entry: entry, data: data, path: childPath))
                case .reserved(_, let size):
                    guard size <= 0x8000_0000 else { throw CFBError.streamTooLarge(path: childPath, size: size) }
                    entry.kind = .stream
                    entry.streamSize = UInt64(size)
                    items.append(Item(entry: entry, data: nil, path: childPath, isReserved: true))
                case .storage(_, let grandchildren):
                    entry.kind = .storage
                    items.append(Item(entry: entry, data: nil, path: childPath))
                    storages.append((items.count - 1, grandchildren, childPath))
                }
            }
            if let root = tree.root { items[parent].entry.child = UInt32(first + root) }
        }
        return items
    }

    /// The directory's sectors, the last one padded with empty entries.
    static func directoryBytes(_ items: [Item], sectors: Int) -> [UInt8] {
        let slots = sectors * Sector.entriesPerSector
        var bytes = [UInt8](repeating: 0, count: slots * DirectoryEntry.size)
        for slot in 0..<slots {
            let entry = slot < items.count ? items[slot].entry : .empty
            entry.encode(into: &bytes, at: slot * DirectoryEntry.size)
        }
        return bytes
    }

    /// DIFAT sectors: the FAT sector numbers past the header's 109, 127 a sector, each ending with the next
    /// DIFAT sector's number (ENDOFCHAIN in the last).
    static func difatBytes(fatLocations: [UInt32], firstDIFAT: UInt32, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0xFF, count: count * Sector.size)
        let overflow = Array(fatLocations.dropFirst(Sector.headerDIFATCount))
        for (i, sector) in overflow.enumerated() {
            let (k, slot) = i.quotientAndRemainder(dividingBy: Sector.idsPerDIFATSector)
            bytes.put(sector, at: k * Sector.size + 4 * slot)
        }
        for k in 0..<count {
            let next = k + 1 < count ? firstDIFAT + UInt32(k + 1) : Sector.endOfChain
            bytes.put(next, at: k * Sector.size + 4 * Sector.idsPerDIFATSector)
        }
        return bytes
    }
}
