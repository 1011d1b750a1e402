/// The sectors of a file being read and its allocation chains, checked the way a damaged file needs:
/// every sector number in range, present in the file, and claimed by one chain only.
struct SectorFile {
    let bytes: [UInt8]
    let header: Header
    let sectorSize: Int
    private(set) var fat: [UInt32] = []
    /// Sectors already claimed (by the FAT, the DIFAT or a chain): a second claim is a loop or a cross-link.
    private var claimed: [Bool] = []

    init(bytes: [UInt8], header: Header) throws {
        self.bytes = bytes
        self.header = header
        sectorSize = header.sectorSize
        guard bytes.count >= sectorSize else { throw CFBError.truncated(needed: sectorSize, actual: bytes.count) }

        // The FAT's own sectors: 109 in the header, the rest in a chain of DIFAT sectors.
        let fatCount = Int(header.fatSectorCount)
        guard fatCount <= bytes.count / sectorSize else {
            throw CFBError.damaged("the header names \(fatCount) FAT sectors, more than the file has sectors")
        }
        var fatSectors = Array(header.difat.prefix(min(fatCount, Sector.headerDIFATCount)))
        var difatSectors: [UInt32] = []
        var next = header.firstDIFATSector
        let perDIFAT = sectorSize / 4 - 1
        while fatSectors.count < fatCount {
            guard difatSectors.count < Int(header.difatSectorCount), next <= Sector.maxRegular else {
                throw CFBError.damaged("the header names \(fatCount) FAT sectors but the DIFAT lists only \(fatSectors.count)")
            }
            guard !difatSectors.contains(next) else { throw CFBError.chainLoops("the DIFAT") }
            difatSectors.append(next)
            let offset = try self.offset(of: next)
            fatSectors += (0..<perDIFAT).map { bytes.u32(at: offset + 4 * $0) }.prefix(fatCount - fatSectors.count)
            next = bytes.u32(at: offset + 4 * perDIFAT)
        }

        fat.reserveCapacity(fatCount * sectorSize / 4)
        for sector in fatSectors {
            guard sector <= Sector.maxRegular else {
                throw CFBError.damaged("the DIFAT names 0x\(String(sector, radix: 16, uppercase: true)) as a FAT sector")
            }
            let offset = try self.offset(of: sector)
            fat += (0..<sectorSize / 4).map { bytes.u32(at: offset + 4 * $0) }
        }
        claimed = [Bool](repeating: false, count: fat.count)
        for sector in fatSectors + difatSectors where Int(sector) < fat.count { claimed[Int(sector)] = true }
    }

    /// Where `sector` starts in the file, once it is known that `length` bytes of it are there.
    func offset(of sector: UInt32, length: Int? = nil) throws -> Int {
        let offset = (Int(sector) + 1) * sectorSize
        let end = offset + (length ?? sectorSize)
        guard end <= bytes.count else { throw CFBError.truncated(needed: end, actual: bytes.count) }
        return offset
    }

    /// The sectors of the chain starting at `start`, in order.
    mutating func chain(from start: UInt32, of what: String) throws -> [UInt32] {
        try Self.follow(from: start, in: fat, claimed: &claimed, unit: "sector", of: what)
    }

    /// Follows a chain through a FAT or mini FAT until ENDOFCHAIN.
    static func follow(
        from start: UInt32, in table: [UInt32], claimed: inout [Bool], unit: String, of what: String
    ) throws -> [UInt32] {
        var chain: [UInt32] = []
        var next = start
        while next != Sector.endOfChain {
            let index = Int(next)
            guard index < table.count else {
                let target = next <= Sector.maxRegular ? "\(unit) \(next), past the end of its table" : "a free or reserved \(unit)"
                throw CFBError.damaged("the chain of \(what) leads to \(target)")
            }
            guard !claimed[index] else {
                if chain.contains(next) { throw CFBError.chainLoops(what) }
                throw CFBError.damaged("the chain of \(what) runs into \(unit) \(next), which belongs to another chain")
            }
            claimed[index] = true
            chain.append(next)
            next = table[index]
        }
        return chain
    }
}
