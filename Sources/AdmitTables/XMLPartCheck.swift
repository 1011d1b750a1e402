import Foundation

/// What a part must not hold before XMLParser sees it, checked chunk by chunk as the part is unpacked: a DTD (never
/// in a workbook, and the way to entity-expansion bombs) and bytes that are not UTF-8 (every spreadsheet program
/// writes UTF-8, and XMLParser traps on a name that is not). Hand-written: Swift validates UTF-8 only whole.
struct XMLPartCheck {
    private static let doctype = Data("<!DOCTYPE".utf8)
    /// The last bytes of the chunk before, where a "<!DOCTYPE" split between two chunks begins.
    private var tail = Data()
    /// A UTF-8 sequence the chunk before ended in the middle of.
    private var unfinished: [UInt8] = []

    /// False when the bytes so far hold a DTD or are not UTF-8.
    mutating func accept(_ chunk: Data) -> Bool {
        let window = tail + chunk
        guard window.range(of: Self.doctype) == nil else { return false }
        tail = window.suffix(Self.doctype.count - 1)
        let bytes = unfinished + chunk
        let end = Self.completeEnd(of: bytes)
        unfinished = Array(bytes[end...])
        return String(validating: bytes[..<end], as: UTF8.self) != nil
    }

    /// False when the part ended in the middle of a character.
    var isComplete: Bool { unfinished.isEmpty }

    /// Where the last complete sequence of `bytes` ends: before a lead byte whose sequence runs past the end.
    private static func completeEnd(of bytes: [UInt8]) -> Int {
        for index in stride(from: bytes.count - 1, through: max(0, bytes.count - 3), by: -1) where bytes[index] >= 0xC0 {
            let length = bytes[index] >= 0xF0 ? 4 : bytes[index] >= 0xE0 ? 3 : 2
            return bytes.count - index < length ? index : bytes.count
        }
        return bytes.count
    }
}
