import Foundation

// GUIDs go out in lower case (RFC 9562), as the CLI prints them; Foundation's default is upper case.
// Synthesized `Encodable` conformances in this module pick these overloads.
extension KeyedEncodingContainer {
    public mutating func encode(_ value: UUID, forKey key: Key) throws {
        try encode(value.lowercased, forKey: key)
    }

    public mutating func encodeIfPresent(_ value: UUID?, forKey key: Key) throws {
        try encodeIfPresent(value?.lowercased, forKey: key)
    }

    public mutating func encode(_ value: [UUID], forKey key: Key) throws {
        try encode(value.map { $0.lowercased }, forKey: key)
    }

    public mutating func encodeIfPresent(_ value: [UUID]?, forKey key: Key) throws {
        try encodeIfPresent(value?.map { $0.lowercased }, forKey: key)
    }
}

extension UUID {
    /// The GUID as Admit writes it everywhere: lower case.
    public var lowercased: String { uuidString.lowercased() }
}
