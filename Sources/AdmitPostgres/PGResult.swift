import CLibPQ

/// The rows a statement returned, in binary, freed when the object goes away.
///
/// A collection of `PGRow`s: `for row in result`, `result.first`, `result.map { … }`.
public final class PGResult {
    private let handle: OpaquePointer
    /// The number of rows.
    public let count: Int
    public let columnNames: [String]
    private let columnIndexes: [String: Int]

    init(_ handle: OpaquePointer) {
        self.handle = handle
        count = Int(PQntuples(handle))
        columnNames = (0..<PQnfields(handle)).map { String(cString: PQfname(handle, $0)) }
        // With two columns of one name (`SELECT a.id, b.id`), the name finds the first, as in PQfnumber.
        columnIndexes = Dictionary(columnNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    deinit { PQclear(handle) }

    /// The rows an INSERT, UPDATE or DELETE touched (or a SELECT returned).
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }

    /// The index of the column of that name, as the query spelt it after `AS` (unquoted names are lower case).
    public func columnIndex(_ name: String) -> Int? { columnIndexes[name] }

    /// The column's type OID (`PQftype`).
    func type(ofColumn column: Int) -> UInt32 { PQftype(handle, Int32(column)) }

    /// A value's binary form, nil for NULL; valid while the result lives.
    func bytes(row: Int, column: Int) -> UnsafeRawBufferPointer? {
        precondition(row >= 0 && row < count, "row \(row) of a result of \(count) rows")
        precondition(column >= 0 && column < columnNames.count, "column \(column) of a result of \(columnNames.count) columns")
        if PQgetisnull(handle, Int32(row), Int32(column)) != 0 { return nil }
        return UnsafeRawBufferPointer(
            start: PQgetvalue(handle, Int32(row), Int32(column)), count: Int(PQgetlength(handle, Int32(row), Int32(column))))
    }
}

extension PGResult: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(position: Int) -> PGRow { PGRow(result: self, index: position) }
}
