import Foundation

/// Reads a Compound File Binary file (version 3 or 4).
///
/// Every chain is followed and checked when the file is opened, so a damaged or truncated file is refused
/// at once and `stream(at:)` cannot fail later. Names are matched as readers of the format match them,
/// ignoring case.
public struct CompoundFileReader: Sendable {
    public struct Entry: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case storage, stream }
        public let path: [String]
        public let kind: Kind
        /// Bytes of a stream; 0 for a storage.
        public let size: Int
    }

    /// Every storage and stream below the root, depth first, siblings in compound file order.
    public let entries: [Entry]

    public var streamPaths: [[String]] { entries.filter { $0.kind == .stream }.map(\.path) }

    /// The header and directory as stored (for checks of the layout itself).
    let header: Header
    let directory: [DirectoryEntry]

    private struct Location: Sendable {
        let chain: [UInt32]
        let size: Int
        let inMiniStream: Bool
    }

    private let bytes: [UInt8]
    private let miniStream: [UInt8]
    private let streams: [[[UInt16]]: Location]

    public init(url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CFBError.cannotRead(path: url.path, reason: CFBError.reason(error))
        }
        try self.init(data: data)
    }

    public init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count >= 8, Array(bytes[0..<8]) == Header.signature else { throw CFBError.notCompoundFile }
        guard bytes.count >= Header.size else { throw CFBError.truncated(needed: Header.size, actual: bytes.count) }
        let header = try Header(decoding: bytes)
        var file = try SectorFile(bytes: bytes, header: header)

        var directory: [DirectoryEntry] = []
        for sector in try file.chain(from: header.firstDirectorySector, of: "the directory") {
            let offset = try file.offset(of: sector)
            for slot in 0..<file.sectorSize / DirectoryEntry.size {
                directory.append(
                    try DirectoryEntry(
                        decoding: bytes, at: offset + slot * DirectoryEntry.size, id: directory.count,
                        majorVersion: header.majorVersion))
            }
        }
        guard let root = directory.first, root.kind == .root else {
            throw CFBError.damaged("the first directory entry is not the root storage")
        }

        var miniFAT: [UInt32] = []
        if header.miniFATSectorCount > 0 {
            for sector in try file.chain(from: header.firstMiniFATSector, of: "the mini FAT") {
                let offset = try file.offset(of: sector)
                miniFAT += (0..<file.sectorSize / 4).map { bytes.u32(at: offset + 4 * $0) }
            }
        }
        let miniStreamSize = try Self.checkedSize(root, "the mini stream")
        let miniStreamChain = miniStreamSize == 0 ? [] : try file.chain(from: root.startSector, of: "the mini stream")
        let miniStream = try Self.read(
            Location(chain: miniStreamChain, size: miniStreamSize, inMiniStream: false), "the mini stream", file)

        // Walk each storage's sibling tree; streams are located (and their chains checked) on the way.
        var claimedMini = [Bool](repeating: false, count: miniFAT.count)
        var linked = [Bool](repeating: false, count: directory.count)
        linked[0] = true
        var entries: [Entry] = []
        var streams: [[[UInt16]]: Location] = [:]
        var seenKeys: Set<[[UInt16]]> = []
        var pending: [(id: Int, path: [String], key: [[UInt16]])] = [(0, [], [])]
        while let storage = pending.popLast() {
            let place = storage.path.isEmpty ? "the root storage" : "\"\(storage.path.joined(separator: "/"))\""
            for id in try DirectoryTree.siblings(from: directory[storage.id].child, in: directory, linked: &linked, of: place) {
                let entry = directory[id]
                let path = storage.path + [entry.nameString]
                let key = storage.key + [EntryName.key(entry.name)]
                let shown = "\"\(path.joined(separator: "/"))\""
                guard seenKeys.insert(key).inserted else {
                    throw CFBError.damaged("\(place) holds two entries named \"\(entry.nameString)\"")
                }
                switch entry.kind {
                case .storage:
                    entries.append(Entry(path: path, kind: .storage, size: 0))
                    pending.append((id, path, key))
                case .stream:
                    let size = try Self.checkedSize(entry, shown)
                    let location: Location
                    if size == 0 {
                        location = Location(chain: [], size: 0, inMiniStream: true)
                    } else if size < Sector.miniStreamCutoff {
                        let chain = try SectorFile.follow(
                            from: entry.startSector, in: miniFAT, claimed: &claimedMini, unit: "mini sector", of: shown)
                        location = Location(chain: chain, size: size, inMiniStream: true)
                    } else {
                        location = Location(chain: try file.chain(from: entry.startSector, of: shown), size: size, inMiniStream: false)
                    }
                    try Self.check(location, shown, file, miniStreamSize: miniStream.count)
                    entries.append(Entry(path: path, kind: .stream, size: size))
                    streams[key] = location
                case .root, .unallocated:
                    throw CFBError.damaged("directory entry \(id) in \(place) is neither a storage nor a stream")
                }
            }
        }

        self.entries = entries.sorted { DirectoryTree.precedes($0.path, $1.path) }
        self.header = header
        self.directory = directory
        self.bytes = bytes
        self.miniStream = miniStream
        self.streams = streams
    }

    /// The bytes of the stream at `path` (storage names, then the stream's name), nil if there is none.
    public func stream(at path: [String]) -> Data? {
        guard let location = streams[path.map { EntryName.key(Array($0.utf16)) }] else { return nil }
        if location.inMiniStream {
            var data = Data(capacity: location.size)
            var remaining = location.size
            for sector in location.chain where remaining > 0 {
                let offset = Int(sector) * Sector.miniSize
                let count = min(Sector.miniSize, remaining)
                data.append(contentsOf: miniStream[offset..<offset + count])
                remaining -= count
            }
            return data
        }
        return Self.copy(location, bytes: bytes, sectorSize: header.sectorSize)
    }

    // MARK: - Checks

    /// A stream's size, refused when no file could hold it (a truncated file is told by its chains instead).
    private static func checkedSize(_ entry: DirectoryEntry, _ what: String) throws -> Int {
        guard entry.streamSize < 1 << 44 else {
            throw CFBError.damaged("\(what) claims a size of \(entry.streamSize) bytes")
        }
        return Int(entry.streamSize)
    }

    /// Checks that a stream's chain is long enough and that all its bytes are in the file or mini stream.
    private static func check(_ location: Location, _ what: String, _ file: SectorFile, miniStreamSize: Int) throws {
        let unit = location.inMiniStream ? Sector.miniSize : file.sectorSize
        let needed = Sector.count(location.size, of: unit)
        guard location.chain.count >= needed else {
            throw CFBError.damaged("\(what) is \(location.size) bytes but its chain holds only \(location.chain.count) sectors of \(unit) bytes")
        }
        var remaining = location.size
        for sector in location.chain.prefix(needed) {
            let count = min(unit, remaining)
            if location.inMiniStream {
                guard Int(sector) * unit + count <= miniStreamSize else {
                    throw CFBError.damaged("\(what) lies partly outside the mini stream")
                }
            } else {
                _ = try file.offset(of: sector, length: count)
            }
            remaining -= count
        }
    }

    private static func read(_ location: Location, _ what: String, _ file: SectorFile) throws -> [UInt8] {
        try check(location, what, file, miniStreamSize: 0)
        return [UInt8](copy(location, bytes: file.bytes, sectorSize: file.sectorSize))
    }

    /// The bytes of a checked chain of regular sectors.
    private static func copy(_ location: Location, bytes: [UInt8], sectorSize: Int) -> Data {
        var result = Data(capacity: location.size)
        var remaining = location.size
        bytes.withUnsafeBufferPointer { all in
            for sector in location.chain where remaining > 0 {
                let offset = (Int(sector) + 1) * sectorSize
                let count = min(sectorSize, remaining)
                result.append(UnsafeBufferPointer(rebasing: all[offset..<offset + count]))
                remaining -= count
            }
        }
        return result
    }
}
