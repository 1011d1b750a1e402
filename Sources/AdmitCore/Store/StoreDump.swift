/// A whole installation as plain table rows, for `admit db copy`: one store writes it, another reads it back.
/// Both stores have the same tables and column names; each converts the values to its own column types.
public struct StoreDump: Sendable {
    public struct Table: Sendable {
        public var name: String
        public var columns: [String]
        public var rows: [[Value]]

        public init(name: String, columns: [String], rows: [[Value]]) {
            self.name = name
            self.columns = columns
            self.rows = rows
        }
    }

    /// A value as the embedded store keeps it: ids and dates as text, secrets as bytes.
    public enum Value: Sendable, Equatable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case bytes([UInt8])
    }

    /// In the order they can be inserted: a table comes after those it refers to.
    public var tables: [Table]
    /// The schema version of the store it came from.
    public var schema: String

    public init(tables: [Table], schema: String) {
        self.tables = tables
        self.schema = schema
    }

    /// The tables an installation is made of, in insertion order. Browser sessions, first-login grants and
    /// checked rosters are not copied: they are minutes old, and their holders sign in again.
    public static let tableNames = [
        "institution", "test_session", "import_job", "batch", "entry_group", "entry", "import_row",
        "audit_event", "staff", "api_token", "data_key",
    ]
}
