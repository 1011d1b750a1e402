import Foundation

/// The text of a CSV file or of pasted rows: UTF-8 (with or without a byte-order mark) or UTF-16 with its mark,
/// as Excel saves "CSV UTF-8" and "Unicode text"; else Windows-1252, Excel's plain "CSV" on Windows, when every
/// byte decodes — and then the table says so, for the person importing to check the accents. Bytes that are
/// text in none of these are refused.
enum TextDecoding {
    /// The text as UTF-8 bytes, and the legacy encoding it was read in (nil for UTF-8 and UTF-16). Text that is UTF-8
    /// already is checked where it lies and kept as it is, not copied: a big file is in memory once.
    static func utf8(of data: Data, encoding chosen: TextEncoding? = nil) throws -> (bytes: Data, legacy: String?) {
        // NUL bytes are no part of any CSV: they are UTF-16 without its mark, or not text at all.
        if let chosen {
            let bytes = chosen == .utf8 && data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
            if chosen == .utf8, isUTF8(bytes) { return (bytes, nil) }
            guard chosen != .utf8, let text = chosen.decode(bytes), !(chosen.isLegacy && data.contains(0)) else {
                throw TableError("the file is not \(chosen.name) text; choose the encoding it was saved in")
            }
            return (Data(text.utf8), chosen.isLegacy ? chosen.name : nil)
        }
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard isUTF8(data.dropFirst(3)) else { throw TableError.notText }
            return (data.dropFirst(3), nil)
        }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            guard data.count % 2 == 0, let text = TextEncoding.utf16.decode(data) else { throw TableError.notText }
            return (Data(text.utf8), nil)
        }
        guard !data.contains(0) else { throw TableError.notText }
        if isUTF8(data) { return (data, nil) }
        if let text = TextEncoding.windows1252.decode(data) { return (Data(text.utf8), TextEncoding.windows1252.name) }
        throw TableError.notText
    }

    /// Whether `bytes` are well-formed UTF-8, as `String(validating:)` would find them, without making the string.
    static func isUTF8(_ bytes: Data) -> Bool {
        bytes.withUnsafeBytes { raw in
            var input = raw.makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            while true {
                switch parser.parseScalar(from: &input) {
                case .valid: continue
                case .emptyInput: return true
                case .error: return false
                }
            }
        }
    }
}

/// The encodings a roster may be read in, by the names people give them (`--encoding`).
public enum TextEncoding: String, CaseIterable, Sendable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case windows1252 = "windows-1252"
    case latin1 = "iso-8859-1"

    /// The encoding `name` means (any case; "cp1252", "latin1" and the like too), or nil.
    public init?(named name: String) {
        let key = name.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "utf8": self = .utf8
        case "utf16": self = .utf16
        case "windows1252", "cp1252", "win1252", "ansi": self = .windows1252
        case "iso88591", "latin1", "l1": self = .latin1
        default: return nil
        }
    }

    public var name: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16: "UTF-16"
        case .windows1252: "Windows-1252"
        case .latin1: "ISO-8859-1"
        }
    }

    var isLegacy: Bool { self == .windows1252 || self == .latin1 }

    func decode(_ data: Data) -> String? {
        switch self {
        case .utf8: String(data: data, encoding: .utf8)
        // With its mark, either byte order; without one, little-endian, as Windows writes it.
        case .utf16:
            data.starts(with: [0xFE, 0xFF])
                ? String(data: data.dropFirst(2), encoding: .utf16BigEndian)
                : String(data: data.starts(with: [0xFF, 0xFE]) ? data.dropFirst(2) : data, encoding: .utf16LittleEndian)
        // Foundation refuses the five bytes Windows-1252 leaves undefined, so "decodes as nothing" stays refused.
        case .windows1252: String(data: data, encoding: .windowsCP1252)
        case .latin1: String(data: data, encoding: .isoLatin1)
        }
    }
}
