import Foundation

/// A Swift type a column's binary value can be read into.
public protocol PGDecodable {
    /// Reads a non-NULL value whose column has the type OID `type`; nil when this type cannot hold that one.
    init?(pgBinary bytes: UnsafeRawBufferPointer, type: UInt32)
}

extension String: PGDecodable {
    /// text, varchar, char(n), name: their binary form is the UTF-8 text.
    public init?(pgBinary bytes: UnsafeRawBufferPointer, type: UInt32) {
        guard PGType.textual.contains(type) else { return nil }
        self.init(decoding: bytes, as: UTF8.self)
    }
}

extension Int64: PGDecodable {
    /// int2, int4 and int8 alike: `count(*)` is an int8, a `smallint` column an int2.
    public init?(pgBinary bytes: UnsafeRawBufferPointer, type: UInt32) {
        switch (type, bytes.count) {
        case (PGType.int8, 8): self = PGBinary.read(Int64.self, bytes, at: 0)!
        case (PGType.int4, 4): self = Int64(PGBinary.read(Int32.self, bytes, at: 0)!)
        case (PGType.int2, 2): self = Int64(PGBinary.read(Int16.self, bytes, at: 0)!)
        default: return nil
        }
    }
}

extension Int: PGDecodable {
    public init?(pgBinary bytes: UnsafeRawBufferPointer, type: UInt32) {
        guard let value = Int64(pgBinary: bytes, type: type) else { return nil }
        self.init(value)
    }
}

extension Bool: PGDecodable {
    public init?(pgBinary bytes: UnsafeRawBufferPointer, type: UInt32) {
        guard type == PGType.bool, bytes.count == 1 else { return nil }
        self = bytes[0] != 0
    }
}

extension [UInt8]: PGDecodable {
    /// bytea: the bytes themselves.
    public init?(pgBinary bytes: UnsafeRawBufferPointer, type: UInt32) {
        guard type == PGType.bytea else { return nil }
        self.init(bytes)
    }
}

extension Data: PGDecodable {
    public init?(pgBinary bytes: UnsafeRawBufferPointer, type: UInt32) {
        guard type == PGType.bytea else { return nil }
        self.init(bytes)
    }
}

extension Date: PGDecodable {
    /// timestamptz, and timestamp (without time zone) taken as UTC: microseconds since 2000-01-01.
    public init?(pgBinary bytes: UnsafeRawBufferPointer, type: UInt32) {
        guard type == PGType.timestamptz || type == PGType.timestamp, bytes.count == 8 else { return nil }
        self = PGBinary.date(microseconds: PGBinary.read(Int64.self, bytes, at: 0)!)
    }
}

extension UUID: PGDecodable {
    public init?(pgBinary bytes: UnsafeRawBufferPointer, type: UInt32) {
        guard type == PGType.uuid, bytes.count == 16 else { return nil }
        self.init(uuid: bytes.loadUnaligned(as: uuid_t.self))
    }
}
