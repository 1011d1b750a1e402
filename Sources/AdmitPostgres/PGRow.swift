/// One row of a `PGResult`, read by column name or index into any `PGDecodable` type:
///
///     let id: UUID = row["id"]
///     let withdrawnAt = row["withdrawn_at"] as Date?
///
/// Reading a column into a type that cannot hold it (text into `UUID`), a missing column, or NULL into a
/// non-optional, is a mistake in the program, not in the data: it stops the program with a message naming the
/// column, as GRDB does, rather than making every read `try`.
public struct PGRow {
    public let result: PGResult
    public let index: Int

    public subscript<Value: PGDecodable>(_ column: String) -> Value {
        decode(column: columnIndex(column), name: column)
    }

    public subscript<Value: PGDecodable>(_ column: String) -> Value? {
        decodeOptional(column: columnIndex(column), name: column)
    }

    public subscript<Value: PGDecodable>(_ column: Int) -> Value {
        decode(column: column, name: "\(column)")
    }

    public subscript<Value: PGDecodable>(_ column: Int) -> Value? {
        decodeOptional(column: column, name: "\(column)")
    }

    public func isNull(_ column: String) -> Bool {
        result.bytes(row: index, column: columnIndex(column)) == nil
    }

    private func columnIndex(_ name: String) -> Int {
        guard let column = result.columnIndex(name) else {
            preconditionFailure("no column \"\(name)\" in a result of \(result.columnNames)")
        }
        return column
    }

    private func decode<Value: PGDecodable>(column: Int, name: String) -> Value {
        guard let value: Value = decodeOptional(column: column, name: name) else {
            preconditionFailure("column \"\(name)\" is NULL: read it as \(Value.self)?")
        }
        return value
    }

    private func decodeOptional<Value: PGDecodable>(column: Int, name: String) -> Value? {
        guard let bytes = result.bytes(row: index, column: column) else { return nil }
        let type = result.type(ofColumn: column)
        guard let value = Value(pgBinary: bytes, type: type) else {
            preconditionFailure(
                "column \"\(name)\" (type OID \(type), \(bytes.count) bytes) cannot be read as \(Value.self); cast it in the SQL")
        }
        return value
    }
}
