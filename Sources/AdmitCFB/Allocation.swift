/// Sector allocation tables: the FAT for 512-byte sectors and the mini FAT for 64-byte mini sectors.
struct AllocationTable {
    private(set) var entries: [UInt32] = []

    var count: Int { entries.count }

    /// Appends a chain of `length` consecutive sectors ending in ENDOFCHAIN; returns its first sector,
    /// or ENDOFCHAIN when the chain is empty (that is how an empty stream is written).
    mutating func appendChain(length: Int) -> UInt32 {
        guard length > 0 else { return Sector.endOfChain }
        let start = entries.count
        entries += (start + 1..<start + length).map(UInt32.init)
        entries.append(Sector.endOfChain)
        return UInt32(start)
    }

    /// Appends `length` sectors marked `marker` (FATSECT or DIFSECT); returns the first one.
    mutating func appendMarked(_ marker: UInt32, length: Int) -> UInt32 {
        let start = entries.count
        entries += repeatElement(marker, count: length)
        return UInt32(start)
    }

    /// The table as whole sectors, unused slots FREESECT.
    func sectors() -> [UInt8] {
        let slots = Sector.count(entries.count, of: Sector.idsPerSector) * Sector.idsPerSector
        var bytes = [UInt8](repeating: 0xFF, count: slots * 4)
        for (i, entry) in entries.enumerated() { bytes.put(entry, at: 4 * i) }
        return bytes
    }

    /// FAT and DIFAT sectors for a file whose other sectors number `contentSectors`: the FAT must map
    /// its own sectors and the DIFAT's too, so grow both until they stop growing.
    static func fatAndDIFATCounts(contentSectors: Int) -> (fat: Int, difat: Int) {
        var fat = 0
        var difat = 0
        while true {
            let neededFAT = Sector.count(contentSectors + fat + difat, of: Sector.idsPerSector)
            let overflow = max(0, neededFAT - Sector.headerDIFATCount)
            let neededDIFAT = Sector.count(overflow, of: Sector.idsPerDIFATSector)
            if neededFAT == fat && neededDIFAT == difat { return (fat, difat) }
            fat = neededFAT
            difat = neededDIFAT
        }
    }
}
