import Foundation

// PostgreSQL's binary wire format: big-endian integers, and times counted from its own epoch.
enum PGBinary {
    /// Seconds from Foundation's reference date (2001-01-01) back to PostgreSQL's epoch, 2000-01-01 UTC
    /// (2000 was a leap year: 366 days).
    static let epochOffset: TimeInterval = 366 * 86_400

    /// Microseconds since 2000-01-01 UTC, PostgreSQL's timestamp, rounded to the nearest microsecond (its
    /// resolution). Counting from 2001 rather than 1970 keeps the Double small and exact enough to round right.
    static func microseconds(_ date: Date) -> Int64 {
        if date == .distantFuture { return .max }
        if date == .distantPast { return .min }
        return Int64(((date.timeIntervalSinceReferenceDate + epochOffset) * 1_000_000).rounded())
    }

    /// The inverse of `microseconds(_:)`; PostgreSQL's `infinity` and `-infinity` become the distant dates.
    static func date(microseconds: Int64) -> Date {
        if microseconds == .max { return .distantFuture }
        if microseconds == .min { return .distantPast }
        // Whole seconds and the rest apart, so that no precision is lost before the last addition.
        let (seconds, rest) = microseconds.quotientAndRemainder(dividingBy: 1_000_000)
        return Date(timeIntervalSinceReferenceDate: (TimeInterval(seconds) - epochOffset) + TimeInterval(rest) / 1_000_000)
    }

    static func append<I: FixedWidthInteger>(_ value: I, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    static func read<I: FixedWidthInteger>(_: I.Type, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> I? {
        guard offset >= 0, offset + MemoryLayout<I>.size <= bytes.count else { return nil }
        return I(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: I.self))
    }

    static func uuidBytes(_ uuid: UUID) -> [UInt8] {
        withUnsafeBytes(of: uuid.uuid) { Array($0) }
    }
}
