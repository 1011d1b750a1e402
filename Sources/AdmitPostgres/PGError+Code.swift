extension PGError {
    /// A SQLSTATE (PostgreSQL's manual, appendix A), named the way postgres-nio names them.
    public struct Code: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }

        /// The first two characters: "23" for every integrity constraint violation.
        public var errorClass: Substring { rawValue.prefix(2) }
        public var description: String { rawValue }

        // Class 0A: feature not supported (among others, a prepared plan whose tables changed shape).
        public static let featureNotSupported: Code = "0A000"

        // Class 08: connection exception.
        public static let connectionException: Code = "08000"
        public static let sqlclientUnableToEstablishSqlconnection: Code = "08001"
        public static let connectionDoesNotExist: Code = "08003"
        public static let sqlserverRejectedEstablishmentOfSqlconnection: Code = "08004"
        public static let connectionFailure: Code = "08006"
        /// The connection broke during COMMIT: the transaction may or may not have committed.
        public static let transactionResolutionUnknown: Code = "08007"
        public static let protocolViolation: Code = "08P01"

        // Class 23: integrity constraint violation.
        public static let integrityConstraintViolation: Code = "23000"
        public static let notNullViolation: Code = "23502"
        public static let foreignKeyViolation: Code = "23503"
        public static let uniqueViolation: Code = "23505"
        public static let checkViolation: Code = "23514"
        public static let exclusionViolation: Code = "23P01"

        // Class 25: invalid transaction state.
        public static let activeSqlTransaction: Code = "25001"
        public static let readOnlySqlTransaction: Code = "25006"
        public static let noActiveSqlTransaction: Code = "25P01"
        public static let inFailedSqlTransaction: Code = "25P02"

        // Class 28: invalid authorization specification.
        public static let invalidAuthorizationSpecification: Code = "28000"
        public static let invalidPassword: Code = "28P01"

        // Class 3D: invalid catalog name (a database that does not exist).
        public static let invalidCatalogName: Code = "3D000"

        // Class 40: transaction rollback.
        public static let transactionRollback: Code = "40000"
        public static let serializationFailure: Code = "40001"
        public static let deadlockDetected: Code = "40P01"

        // Class 42: syntax error or access rule violation.
        public static let syntaxError: Code = "42601"
        public static let insufficientPrivilege: Code = "42501"
        public static let undefinedColumn: Code = "42703"
        public static let undefinedTable: Code = "42P01"
        public static let duplicateDatabase: Code = "42P04"
        public static let duplicateTable: Code = "42P07"

        // Class 53: insufficient resources.
        public static let tooManyConnections: Code = "53300"

        // Class 55: object not in prerequisite state.
        public static let lockNotAvailable: Code = "55P03"

        // Class 57: operator intervention.
        public static let queryCanceled: Code = "57014"
        public static let adminShutdown: Code = "57P01"
        public static let crashShutdown: Code = "57P02"
        public static let cannotConnectNow: Code = "57P03"

        // Class XX: internal error.
        public static let internalError: Code = "XX000"
    }
}
