import Foundation

/// The text of a CSV file or of pasted rows: UTF-8 (with or without a byte-order mark) or UTF-16 with its mark,
/// as Excel saves "CSV UTF-8" and "Unicode text". Anything else is refused rather than guessed (a Windows-1252
/// guess would quietly turn names like "Zoë" into something else).
enum TextDecoding {
    static func text(of data: Data) throws -> String {
        let decoded: String?
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            decoded = String(data: data.dropFirst(3), encoding: .utf8)
        } else if data.starts(with: [0xFF, 0xFE]) {
            decoded = data.count % 2 == 0 ? String(data: data.dropFirst(2), encoding: .utf16LittleEndian) : nil
        } else if data.starts(with: [0xFE, 0xFF]) {
            decoded = data.count % 2 == 0 ? String(data: data.dropFirst(2), encoding: .utf16BigEndian) : nil
        } else {
            // NUL bytes are no part of any CSV: they are UTF-16 without its mark, or not text at all.
            decoded = data.contains(0) ? nil : String(data: data, encoding: .utf8)
        }
        guard let decoded else { throw TableError.notText }
        return decoded
    }
}
