/// The 512-byte compound file header ([MS-CFB] 2.2).
struct Header: Equatable {
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    static let size = 512

    var majorVersion: UInt16 = 3
    var sectorShift: UInt16 = 9
    var fatSectorCount: UInt32 = 0
    var firstDirectorySector: UInt32 = Sector.endOfChain
    var firstMiniFATSector: UInt32 = Sector.endOfChain
    var miniFATSectorCount: UInt32 = 0
    var firstDIFATSector: UInt32 = Sector.endOfChain
    var difatSectorCount: UInt32 = 0
    /// The first 109 FAT sector numbers; unused slots are FREESECT.
    var difat = [UInt32](repeating: Sector.free, count: Sector.headerDIFATCount)

    var sectorSize: Int { 1 << Int(sectorShift) }

    init() {}

    func encoded() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Self.size)
        bytes.replaceSubrange(0..<8, with: Self.signature)
        // 8..<24: header CLSID, all zero.
        bytes.put(UInt16(0x003E), at: 24)  // minor version
        bytes.put(majorVersion, at: 26)
        bytes.put(UInt16(0xFFFE), at: 28)  // byte order mark: little-endian
        bytes.put(sectorShift, at: 30)
        bytes.put(UInt16(6), at: 32)  // mini sector shift: 64 bytes
        // 34..<40 reserved; 40: number of directory sectors, 0 in version 3.
        bytes.put(fatSectorCount, at: 44)
        bytes.put(firstDirectorySector, at: 48)
        // 52: transaction signature, 0.
        bytes.put(UInt32(Sector.miniStreamCutoff), at: 56)
        bytes.put(firstMiniFATSector, at: 60)
        bytes.put(miniFATSectorCount, at: 64)
        bytes.put(firstDIFATSector, at: 68)
        bytes.put(difatSectorCount, at: 72)
        for (i, sector) in difat.enumerated() { bytes.put(sector, at: 76 + 4 * i) }
        return bytes
    }

    /// Reads and checks a header; `bytes` holds at least 512 bytes and starts with the signature.
    init(decoding bytes: [UInt8]) throws {
        guard bytes.u16(at: 28) == 0xFFFE else {
            throw CFBError.unsupported("its byte order mark is not 0xFFFE (little-endian)")
        }
        majorVersion = bytes.u16(at: 26)
        sectorShift = bytes.u16(at: 30)
        switch (majorVersion, sectorShift) {
        case (3, 9), (4, 12): break
        default:
            throw CFBError.unsupported(
                "version \(majorVersion) with sector shift \(sectorShift) is not version 3 (512-byte sectors) or 4 (4096-byte sectors)")
        }
        guard bytes.u16(at: 32) == 6 else {
            throw CFBError.unsupported("its mini sector shift is \(bytes.u16(at: 32)), not 6 (64 bytes)")
        }
        guard bytes.u32(at: 56) == UInt32(Sector.miniStreamCutoff) else {
            throw CFBError.unsupported("its mini stream cutoff is \(bytes.u32(at: 56)), not 4096")
        }
        fatSectorCount = bytes.u32(at: 44)
        firstDirectorySector = bytes.u32(at: 48)
        firstMiniFATSector = bytes.u32(at: 60)
        miniFATSectorCount = bytes.u32(at: 64)
        firstDIFATSector = bytes.u32(at: 68)
        difatSectorCount = bytes.u32(at: 72)
        difat = (0..<Sector.headerDIFATCount).map { bytes.u32(at: 76 + 4 * $0) }
    }
}
