import CLibPQ

/// One connection to PostgreSQL through libpq, closed when the object goes away.
///
/// Statements are synchronous and a connection serves one thread at a time (hence not `Sendable`); `PGPool`
/// shares connections between threads. Parameters and results travel in binary: no value is ever formatted into
/// SQL or parsed from text.
public final class PGConnection {
    let handle: OpaquePointer
    /// Kept to mask its password in libpq's messages (see `PGRedaction`).
    private let connectionString: String
    /// The error of the last statement that failed, for the pool to find a failure a transaction body caught
    /// and did not rethrow.
    var lastError: PGError?
    /// Statements prepared on this connection, named by their SQL and parameter types: the server parses and
    /// plans each once per connection instead of at every call (most of its work for Admit's small statements).
    private var prepared: [PreparedKey: String] = [:]
    private var preparedCount = 0
    /// More distinct statements than Admit has run unprepared (built SQL: a filter, a long multi-row INSERT).
    static let preparedLimit = 200

    /// Connects with a libpq connection string: a URI (`postgresql://user@host/db?sslmode=require`, several
    /// hosts for failover, `?host=/path` for a Unix socket's folder) or `key=value` pairs. Throws a `PGError`
    /// with libpq's message on one line, never the password.
    public init(uri: String) throws {
        guard let handle = PQconnectdb(uri) else {
            throw PGError(code: .sqlclientUnableToEstablishSqlconnection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            // libpq reports no SQLSTATE for a failed connection (not even the server's 28P01 or 3D000): 08001.
            let error = PGConnection.connectionError(handle, uri)
            PQfinish(handle)
            throw error
        }
        self.handle = handle
        self.connectionString = uri
        // libpq prints NOTICEs (`DROP TABLE IF EXISTS` on a missing table, say) to stderr by default; a server's
        // stderr is not the place for them.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// Runs one statement with `$1`, `$2`, … bound to `parameters`, sent and answered in binary.
    @discardableResult
    public func exec(_ sql: String, _ parameters: [PGValue] = []) throws -> PGResult {
        let values = parameters.map(\.binary)
        // All values in one buffer. SQL NULL is a null pointer, so every other value needs an address, an empty
        // one too: the byte at the end gives the last one something to point at.
        var buffer: [UInt8] = []
        buffer.reserveCapacity(values.reduce(1) { $0 + ($1?.count ?? 0) })
        var offsets: [Int?] = []
        for value in values {
            offsets.append(value.map { _ in buffer.count })
            if let value { buffer.append(contentsOf: value) }
        }
        buffer.append(0)
        let types = parameters.map(\.oid)
        let key = PreparedKey(sql: sql, types: types)
        let name = try preparedName(key)
        let lengths = values.map { value -> Int32 in
            precondition((value?.count ?? 0) <= Int32.max, "a PostgreSQL parameter is at most 2 GB")
            return Int32(value?.count ?? 0)
        }
        let formats = [Int32](repeating: 1, count: parameters.count)
        let result = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                let pointers = offsets.map { $0.map { chars.baseAddress! + $0 } }
                guard let name else {
                    return PQexecParams(handle, sql, Int32(parameters.count), types, pointers, lengths, formats, 1)
                }
                return PQexecPrepared(handle, name, Int32(parameters.count), pointers, lengths, formats, 1)
            }
        }
        do {
            return try check(result)
        } catch let error as PGError where error.code == .featureNotSupported && name != nil {
            // "cached plan must not change result type": a newer Admit changed a table; prepare it anew next time.
            prepared[key] = nil
            throw error
        }
    }

    /// The name `key` is prepared under, preparing it now if it is new; nil past `preparedLimit`.
    private func preparedName(_ key: PreparedKey) throws -> String? {
        if let name = prepared[key] { return name }
        guard prepared.count < Self.preparedLimit else { return nil }
        preparedCount += 1
        let name = "admit_\(preparedCount)"
        _ = try check(PQprepare(handle, name, key.sql, Int32(key.types.count), key.types))
        prepared[key] = name
        return name
    }

    private struct PreparedKey: Hashable {
        let sql: String
        let types: [Oid]
    }

    /// Runs a script of several statements separated by semicolons (a migration), in one implicit transaction
    /// unless it has its own `BEGIN`/`COMMIT`. Its answers come back as text, which `PGResult` does not read, so
    /// there are none: use `exec` for a query.
    public func execute(_ sql: String) throws {
        _ = try check(PQexec(handle, sql))
    }

    /// Whether the connection is lost: a statement failed because the server went away, or it was reset in vain.
    /// libpq only notices when it next talks to the server.
    public var isBroken: Bool { PQstatus(handle) != CONNECTION_OK }

    /// Connects again with the same connection string (after a failover, to the new primary).
    public func reset() throws {
        PQreset(handle)
        lastError = nil
        // A new server session: none of the old one's prepared statements.
        prepared.removeAll()
        if isBroken { throw PGConnection.connectionError(handle, connectionString) }
    }

    /// Where the connection stands: idle, inside a transaction, inside a failed one.
    var transactionStatus: PGTransactionStatusType { PQtransactionStatus(handle) }

    private func check(_ result: OpaquePointer?) throws -> PGResult {
        if let result {
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                return PGResult(result)
            case PGRES_FATAL_ERROR, PGRES_BAD_RESPONSE, PGRES_NONFATAL_ERROR:
                break
            default:
                // COPY and pipeline results: this layer has no use for them.
                PQclear(result)
                throw PGError(
                    code: .protocolViolation, message: "a statement answered in a mode PGConnection does not read (COPY?)")
            }
        }
        let error = PGError(result: result, connection: handle)
        if let result { PQclear(result) }
        lastError = error
        throw error
    }

    private static func connectionError(_ handle: OpaquePointer, _ connectionString: String) -> PGError {
        let message = PGRedaction.redact(String(cString: PQerrorMessage(handle)), connectionString: connectionString)
        return PGError(code: .sqlclientUnableToEstablishSqlconnection, message: PGError.oneLine(message))
    }
}
