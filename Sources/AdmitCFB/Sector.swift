/// Special sector numbers and the fixed sizes of a version 3 file ([MS-CFB] 2.1, 2.2).
enum Sector {
    static let maxRegular: UInt32 = 0xFFFF_FFFA
    static let difat: UInt32 = 0xFFFF_FFFC  // DIFSECT
    static let fat: UInt32 = 0xFFFF_FFFD  // FATSECT
    static let endOfChain: UInt32 = 0xFFFF_FFFE  // ENDOFCHAIN
    static let free: UInt32 = 0xFFFF_FFFF  // FREESECT

    static let size = 512
    static let miniSize = 64
    static let miniStreamCutoff = 4096
    static let idsPerSector = size / 4  // 128 FAT or mini FAT entries
    static let headerDIFATCount = 109
    static let idsPerDIFATSector = idsPerSector - 1  // the last slot chains to the next DIFAT sector
    static let entriesPerSector = size / DirectoryEntry.size

    /// Sectors needed for `bytes` bytes in units of `unit`.
    static func count(_ bytes: Int, of unit: Int = size) -> Int { (bytes + unit - 1) / unit }
}

/// Directory entry ids ([MS-CFB] 2.6.3): NOSTREAM marks a missing sibling or child.
enum StreamID {
    static let none: UInt32 = 0xFFFF_FFFF
}
