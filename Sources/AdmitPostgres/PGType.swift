import CLibPQ

/// The type OIDs this layer sends and reads (`pg_type.oid`; fixed for the built-in types since PostgreSQL 7).
enum PGType {
    static let bool: Oid = 16
    static let bytea: Oid = 17
    static let name: Oid = 19
    static let int8: Oid = 20
    static let int2: Oid = 21
    static let int4: Oid = 23
    static let text: Oid = 25
    static let bpchar: Oid = 1042
    static let varchar: Oid = 1043
    static let timestamp: Oid = 1114
    static let timestamptz: Oid = 1184
    static let uuid: Oid = 2950
    static let textArray: Oid = 1009
    static let int8Array: Oid = 1016
    static let uuidArray: Oid = 2951

    /// Types whose binary form is their UTF-8 text.
    static let textual: Set<Oid> = [text, varchar, bpchar, name]
}
