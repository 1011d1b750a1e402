import AdmitCore
import Foundation

extension PostgresStore {
    /// Copies an installation into this database, which must hold none (`admit db copy`): every table of the dump
    /// in one transaction, each value converted to its column's type, sealed secrets as the same bytes. Returns
    /// the rows copied per table.
    ///
    /// Values come as the embedded store keeps them (ids as UUID text, dates as UTC text, secrets as bytes);
    /// PostgreSQL itself converts each to its column's type, as a cast, so that a value it cannot read refuses the
    /// whole copy rather than arriving changed.
    public func load(_ dump: StoreDump) throws -> [String: Int] {
        guard dump.schema == PostgresSchema.latest else {
            throw AdmitError(.storage, .copySchemaMismatch(from: dump.schema, schema: "this Admit's PostgreSQL schema", to: PostgresSchema.latest))
        }
        if let unknown = dump.tables.first(where: { !StoreDump.tableNames.contains($0.name) }) {
            throw AdmitError(.storage, .copyUnknownTable(unknown.name))
        }
        let tables = StoreDump.tableNames.compactMap { name in dump.tables.first { $0.name == name } }
        do {
            return try transaction(readOnly: false) { db in
                try Self.requireEmpty(db)
                var copied: [String: Int] = [:]
                for table in tables {
                    try Self.insert(table, into: db)
                    copied[table.name] = table.rows.count
                }
                return copied
            }
        } catch let error as StoreError {
            throw AdmitError(.storage, .copyRefused(database: "the PostgreSQL database \(name)", cause: Self.reason(error)))
        }
    }

    /// Refuses a database that already holds records: a copy never mixes two installations.
    private static func requireEmpty(_ db: PGConnection) throws {
        let counts = try db.exec(
            """
            SELECT (SELECT count(*) FROM institution) AS institutions, (SELECT count(*) FROM entry) AS entries,
                (SELECT count(*) FROM staff) AS staff
            """)[0]
        let (institutions, entries, staff): (Int, Int, Int) = (counts["institutions"], counts["entries"], counts["staff"])
        if institutions + entries + staff > 0 {
            let held = [(institutions, "institution", "institutions"), (entries, "entry", "entries"), (staff, "staff member", "staff members")]
                .map { count, one, many in "\(count) \(count == 1 ? one : many)" }
            throw AdmitError(.conflict, .copyTargetNotEmpty(database: "the PostgreSQL database", held: held))
        }
        // Audit records of a server that ran on it meanwhile (a refused sign-in) would collide with the copied ones.
        for table in StoreDump.tableNames {
            let rows: Int = try db.exec("SELECT count(*) AS n FROM \(table)")[0]["n"]
            if rows > 0 {
                throw AdmitError(.conflict, .copyTargetHoldsRecords(database: "the PostgreSQL database", rows, table: table))
            }
        }
    }

    /// Inserts a table's rows, many to a statement, then moves its identity counters past the copied values.
    private static func insert(_ table: StoreDump.Table, into db: PGConnection) throws {
        let columns = try columnTypes(of: table.name, in: db)
        let expressions = try table.columns.map { column in
            guard let type = columns[column] else {
                throw AdmitError(.storage, .copyUnknownColumn(table: table.name, column: column, schema: "the PostgreSQL schema"))
            }
            return type
        }
        let identities = table.columns.filter { columns[$0]?.isIdentity == true }
        let names = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
        // Identity columns take the copied values (audit events keep their ids).
        let overriding = identities.isEmpty ? "" : " OVERRIDING SYSTEM VALUE"
        // PostgreSQL takes up to 65,535 parameters in a statement.
        let rowsPerStatement = max(1, min(1000, 30_000 / max(1, table.columns.count)))
        var start = 0
        while start < table.rows.count {
            let chunk = table.rows[start..<min(start + rowsPerStatement, table.rows.count)]
            var parameters = PGParameters()
            let tuples = chunk.map { row in
                "(" + zip(row, expressions).map { value, column in column.cast(parameters.add(value.pgValue)) }.joined(separator: ", ") + ")"
            }
            try db.exec("INSERT INTO \(table.name) (\(names))\(overriding) VALUES \(tuples.joined(separator: ", "))", parameters.values)
            start += chunk.count
        }
        for column in identities {
            try db.exec(
                """
                SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max("\(column)") FROM \(table.name)), 0) + 1, false)
                """, [.text(table.name), .text(column)])
        }
    }

    /// A target column: its type, as SQL spells it, and whether the database numbers it.
    private struct Column {
        var type: String
        var isIdentity: Bool

        /// The SQL that turns a value as the embedded store keeps it into this column's type.
        func cast(_ placeholder: String) -> String {
            // The embedded store's dates are UTC without a zone: read as such, whatever the session's time zone.
            if type == "timestamp with time zone" { return "(CAST(\(placeholder) AS timestamp) AT TIME ZONE 'UTC')" }
            return "CAST(\(placeholder) AS \(type))"
        }
    }

    private static func columnTypes(of table: String, in db: PGConnection) throws -> [String: Column] {
        let rows = try db.exec(
            """
            SELECT attname AS name, format_type(atttypid, atttypmod) AS type, attidentity <> '' AS identity
            FROM pg_attribute WHERE attrelid = CAST($1 AS regclass) AND attnum > 0 AND NOT attisdropped
            """, [.text(table)])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"] as String, Column(type: $0["type"], isIdentity: $0["identity"])) })
    }

    private static func reason(_ error: StoreError) -> String {
        switch error {
        case .retryable(let message), .unavailable(let message), .refused(let message): message
        case .duplicate(let constraint): "two records of the copy break the unique rule \(constraint.rawValue)"
        }
    }
}

extension StoreDump.Value {
    /// The value as a parameter of its own kind; the statement casts it to the column's type.
    var pgValue: PGValue {
        switch self {
        case .null: .null
        case .integer(let number): .int(number)
        // No column of an installation is a floating-point one; should one arrive, PostgreSQL reads its text.
        case .real(let number): .text(String(number))
        case .text(let text): .text(text)
        case .bytes(let bytes): .bytes(bytes)
        }
    }
}
