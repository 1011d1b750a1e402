import CLibPQ
import Foundation

/// A query parameter, sent to the server in binary with its type, so that nothing is ever quoted or parsed
/// from text: `try connection.exec("SELECT * FROM t WHERE id = $1 AND name = $2", [.uuid(id), .text(name)])`.
public enum PGValue: Sendable, Hashable {
    case null
    case text(String)
    case int(Int64)
    case bool(Bool)
    case bytes([UInt8])
    /// A `timestamptz`, to the microsecond.
    case date(Date)
    case uuid(UUID)
    /// A `text[]`, for `WHERE name = ANY($1)`.
    case textArray([String])
    /// A `uuid[]`, for `WHERE id = ANY($1)`.
    case uuidArray([UUID])
    /// An `int8[]`, for `WHERE number = ANY($1)`.
    case intArray([Int64])
}

// Optionals become NULL, so that a nullable column's value can be passed as it is.
extension PGValue {
    public init(_ value: String?) { self = value.map(PGValue.text) ?? .null }
    public init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
    public init(_ value: Int64?) { self = value.map(PGValue.int) ?? .null }
    public init(_ value: Bool?) { self = value.map(PGValue.bool) ?? .null }
    public init(_ value: [UInt8]?) { self = value.map(PGValue.bytes) ?? .null }
    public init(_ value: Data?) { self = value.map { .bytes(Array($0)) } ?? .null }
    public init(_ value: Date?) { self = value.map(PGValue.date) ?? .null }
    public init(_ value: UUID?) { self = value.map(PGValue.uuid) ?? .null }
}

// Literals in parameter lists: `[nil, "bob", 3, true]`.
extension PGValue: ExpressibleByNilLiteral, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension PGValue {
    /// The parameter's type OID; 0 for NULL lets the server infer it from where `$n` stands.
    var oid: Oid {
        switch self {
        case .null: 0
        case .text: PGType.text
        case .int: PGType.int8
        case .bool: PGType.bool
        case .bytes: PGType.bytea
        case .date: PGType.timestamptz
        case .uuid: PGType.uuid
        case .textArray: PGType.textArray
        case .uuidArray: PGType.uuidArray
        case .intArray: PGType.int8Array
        }
    }

    /// The value in PostgreSQL's binary format (the type's `send` function); nil for NULL.
    var binary: [UInt8]? {
        switch self {
        case .null: nil
        case .text(let string): Array(string.utf8)
        case .int(let value): Self.bigEndian(value)
        case .bool(let value): [value ? 1 : 0]
        case .bytes(let bytes): bytes
        case .date(let date): Self.bigEndian(PGBinary.microseconds(date))
        case .uuid(let uuid): PGBinary.uuidBytes(uuid)
        case .textArray(let strings): Self.array(of: PGType.text, strings.map { Array($0.utf8) })
        case .uuidArray(let uuids): Self.array(of: PGType.uuid, uuids.map(PGBinary.uuidBytes))
        case .intArray(let values): Self.array(of: PGType.int8, values.map(Self.bigEndian))
        }
    }

    private static func bigEndian(_ value: Int64) -> [UInt8] {
        var bytes: [UInt8] = []
        PGBinary.append(value, to: &bytes)
        return bytes
    }

    /// A one-dimensional array without NULLs (`array_send`): the number of dimensions, a has-NULLs flag, the
    /// element type, each dimension's length and lower bound (1), then each element prefixed with its length.
    /// An empty array has no dimensions at all.
    private static func array(of elementType: Oid, _ elements: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        PGBinary.append(Int32(elements.isEmpty ? 0 : 1), to: &bytes)
        PGBinary.append(Int32(0), to: &bytes)
        PGBinary.append(elementType, to: &bytes)
        if !elements.isEmpty {
            PGBinary.append(Int32(elements.count), to: &bytes)
            PGBinary.append(Int32(1), to: &bytes)
        }
        for element in elements {
            PGBinary.append(Int32(element.count), to: &bytes)
            bytes.append(contentsOf: element)
        }
        return bytes
    }
}
