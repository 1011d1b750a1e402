/// One 128-byte directory entry ([MS-CFB] 2.6).
struct DirectoryEntry: Equatable {
    static let size = 128

    enum Kind: UInt8 {
        case unallocated = 0
        case storage = 1
        case stream = 2
        case root = 5
    }

    enum Color: UInt8 {
        case red = 0
        case black = 1
    }

    var name: [UInt16] = []
    var kind: Kind = .unallocated
    var color: Color = .red
    var left = StreamID.none
    var right = StreamID.none
    var child = StreamID.none
    var startSector: UInt32 = 0
    var streamSize: UInt64 = 0

    /// An unused slot: all zero except the three links, which are NOSTREAM.
    static let empty = DirectoryEntry()

    var nameString: String { String(decoding: name, as: UTF16.self) }

    /// Writes the entry at `offset`, which holds 128 zero bytes (CLSID, state bits and times stay zero).
    func encode(into bytes: inout [UInt8], at offset: Int) {
        if !name.isEmpty {
            for (i, unit) in name.enumerated() { bytes.put(unit, at: offset + 2 * i) }
            bytes.put(UInt16(2 * (name.count + 1)), at: offset + 64)  // bytes, with the terminating null
        }
        bytes[offset + 66] = kind.rawValue
        bytes[offset + 67] = color.rawValue
        bytes.put(left, at: offset + 68)
        bytes.put(right, at: offset + 72)
        bytes.put(child, at: offset + 76)
        bytes.put(startSector, at: offset + 116)
        bytes.put(streamSize, at: offset + 120)
    }

    /// Reads the entry with id `id` at `offset`; in version 3 only the low 32 bits of the size count.
    init(decoding bytes: [UInt8], at offset: Int, id: Int, majorVersion: UInt16) throws {
        let nameLength = Int(bytes.u16(at: offset + 64))
        guard nameLength <= 64, nameLength % 2 == 0 else {
            throw CFBError.damaged("directory entry \(id) has a name length of \(nameLength) bytes")
        }
        name = (0..<max(0, nameLength / 2 - 1)).map { bytes.u16(at: offset + 2 * $0) }
        guard let kind = Kind(rawValue: bytes[offset + 66]) else {
            throw CFBError.damaged("directory entry \(id) has the unknown object type \(bytes[offset + 66])")
        }
        self.kind = kind
        color = bytes[offset + 67] == 0 ? .red : .black
        left = bytes.u32(at: offset + 68)
        right = bytes.u32(at: offset + 72)
        child = bytes.u32(at: offset + 76)
        startSector = bytes.u32(at: offset + 116)
        let size = bytes.u64(at: offset + 120)
        streamSize = majorVersion == 3 ? size & 0xFFFF_FFFF : size
    }

    init() {}
}
