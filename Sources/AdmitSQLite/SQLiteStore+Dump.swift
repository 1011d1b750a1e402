import AdmitCore
import Foundation
import GRDB

extension SQLiteStore {
    /// Every table of the installation, in one snapshot, for `admit db copy`.
    public func dump() throws -> StoreDump {
        try writer.read { db in
            let tables = try StoreDump.tableNames.map { name in
                let columns = try db.columns(in: name).map(\.name)
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                let order = name == "audit_event" ? "id" : "rowid"
                let rows = try Row.fetchAll(
                    db, sql: "SELECT \(list) FROM \(name) ORDER BY \(name == "import_row" || name == "api_token" ? "1, 2" : order)"
                )
                .map { row in columns.indices.map { Self.value(row[$0] as DatabaseValue) } }
                return StoreDump.Table(name: name, columns: columns, rows: rows)
            }
            return StoreDump(tables: tables, schema: Schema.latest)
        }
    }

    private static func value(_ value: DatabaseValue) -> StoreDump.Value {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .bytes(Array(data))
        }
    }
}
