/// Directory entry names: their rules and the order siblings are sorted in ([MS-CFB] 2.6.1, 2.6.4).
enum EntryName {
    static let maxUnits = 31

    /// The name as UTF-16 code units, or an error if a compound file cannot hold it.
    static func units(of name: String, in path: String) throws -> [UInt16] {
        let units = Array(name.utf16)
        guard !units.isEmpty else { throw CFBError.emptyName(path: path) }
        guard units.count <= maxUnits else { throw CFBError.nameTooLong(name: name, units: units.count) }
        if let bad = name.first(where: { "/\\:!\u{0}".contains($0) }) {
            throw CFBError.illegalCharacter(name: name, character: bad)
        }
        return units
    }

    /// The key readers compare: each code unit upper-cased on its own (surrogates stay as they are).
    static func key(_ units: [UInt16]) -> [UInt16] { units.map(uppercased) }

    /// Shorter names first, then code unit by code unit after upper-casing.
    static func precedes(_ a: [UInt16], _ b: [UInt16]) -> Bool {
        if a.count != b.count { return a.count < b.count }
        for (x, y) in zip(a, b) where uppercased(x) != uppercased(y) {
            return uppercased(x) < uppercased(y)
        }
        return false
    }

    static func uppercased(_ unit: UInt16) -> UInt16 {
        if unit < 0x80 { return (0x61...0x7A).contains(unit) ? unit - 0x20 : unit }
        guard let scalar = Unicode.Scalar(unit) else { return unit }
        // Simple case conversion: a mapping to one BMP character, otherwise the character is kept.
        let mapped = scalar.properties.uppercaseMapping.unicodeScalars
        guard mapped.count == 1, let upper = mapped.first, upper.value <= 0xFFFF else { return unit }
        return UInt16(upper.value)
    }
}
