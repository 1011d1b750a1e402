import Foundation

/// Checks the 64-bit (ZIP64) offsets and sizes of an archive before ZIPFoundation reads it: ZIPFoundation 0.9.20
/// converts and adds them unchecked and traps on values past Int64 (found by fuzzing), which a crafted upload can
/// hold. Hand-written because nothing here reads a ZIP's directory without trusting it. It looks where
/// ZIPFoundation looks: the last end-of-directory record, the ZIP64 record just before it, and the ZIP64 fields of
/// every directory entry; any value of 2^40 (a terabyte) or more is refused, which no real workbook has.
enum ZIP64Guard {
    private static let bound: UInt64 = 1 << 40

    static func isSafe(_ bytes: Data) -> Bool {
        bytes.withUnsafeBytes { data in
            func integer(_ offset: Int, _ size: Int) -> UInt64? {
                guard offset >= 0, offset <= data.count - size else { return nil }
                return (0..<size).reversed().reduce(0) { $0 << 8 | UInt64(data[offset + $1]) }
            }
            func signature(_ offset: Int, _ value: UInt64) -> Bool { integer(offset, 4) == value }

            // ZIPFoundation scans back from 22 bytes before the end for the end-of-central-directory record.
            let ends = stride(from: data.count - 22, through: 0, by: -1)
            guard let end = ends.first(where: { signature($0, 0x0605_4B50) }),
                let directory = integer(end + 16, 4)
            else { return true }
            var directories = [directory]
            let zip64Record = end - 20 - 56
            if signature(zip64Record, 0x0606_4B50) {
                guard let offset = integer(zip64Record + 48, 8), let entries = integer(zip64Record + 32, 8),
                    let size = integer(zip64Record + 40, 8), max(offset, entries, size) < bound
                else { return false }
                directories.append(offset)
            }
            for directory in directories {
                var entry = Int(directory)
                while signature(entry, 0x0201_4B50), let nameLength = integer(entry + 28, 2),
                    let extraLength = integer(entry + 30, 2), let commentLength = integer(entry + 32, 2)
                {
                    // Extra fields: a 2-byte id and a 2-byte size each; id 1 holds the 64-bit values.
                    var field = entry + 46 + Int(nameLength)
                    let extraEnd = field + Int(extraLength)
                    while let id = integer(field, 2), let size = integer(field + 2, 2),
                        field + 4 + Int(size) <= extraEnd
                    {
                        let values = stride(from: field + 4, through: field + 4 + Int(size) - 8, by: 8)
                        if id == 1, values.contains(where: { (integer($0, 8) ?? 0) >= bound }) { return false }
                        field += 4 + Int(size)
                    }
                    entry = extraEnd + Int(commentLength)
                }
            }
            return true
        }
    }
}
