import Foundation

/// One roster import: the file it read, where it got to, and what it did.
public struct ImportJob: Codable, Equatable, Sendable {
    public enum State: String, Codable, CaseIterable, Sendable {
        case queued
        case inProgress = "in progress"
        case completed
        case completedWithErrors = "completed with errors"
        /// Stopped part-way (the store refused a change): rows committed before it stay, the rest were not processed.
        case failed
    }

    public enum Format: String, Codable, Sendable {
        case csv, xlsx, pasted
    }

    public var id: UUID
    public var sessionID: UUID
    /// The uploaded file's name, without its folder.
    public var fileName: String
    public var format: Format
    /// The file's heading row, as written in it.
    public var header: [String]
    public var state: State
    public var createdAt: Date
    public var createdBy: String
    public var startedAt: Date?
    public var finishedAt: Date?
    public var rowCount: Int
    public var counts: ImportCounts
    /// Why a failed job stopped, in one sentence.
    public var failure: String?
    /// The process running the job, and until when it holds it: a hold that runs out means that process
    /// stopped, and the job is marked failed instead of staying "in progress".
    public var heldBy: String?
    public var heldUntil: Date?

    public init(
        id: UUID, sessionID: UUID, fileName: String, format: Format, header: [String], state: State, createdAt: Date,
        createdBy: String, rowCount: Int, counts: ImportCounts = ImportCounts()
    ) {
        self.id = id
        self.sessionID = sessionID
        self.fileName = fileName
        self.format = format
        self.header = header
        self.state = state
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.rowCount = rowCount
        self.counts = counts
    }

    enum CodingKeys: String, CodingKey {
        case id, format, header, state, counts, failure
        case sessionID = "session"
        case fileName = "file_name"
        case createdAt = "created_at"
        case createdBy = "created_by"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case rowCount = "rows"
    }
}

/// What an import did, or (verifying) would do, row by row.
public struct ImportCounts: Codable, Equatable, Sendable {
    public var new = 0
    public var updated = 0
    public var unchanged = 0
    public var errors = 0

    public init(new: Int = 0, updated: Int = 0, unchanged: Int = 0, errors: Int = 0) {
        self.new = new
        self.updated = updated
        self.unchanged = unchanged
        self.errors = errors
    }

    mutating func count(_ outcome: ImportRow.Outcome) {
        switch outcome {
        case .created: new += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        case .error: errors += 1
        case .pending: break
        }
    }

    public static func + (a: ImportCounts, b: ImportCounts) -> ImportCounts {
        ImportCounts(new: a.new + b.new, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged, errors: a.errors + b.errors)
    }
}

/// One row of an imported file as Admit keeps it: the cells (the password cell blanked) and what became of it.
public struct ImportRow: Equatable, Sendable {
    public enum Outcome: String, Codable, Sendable {
        case pending, created, updated, unchanged, error
    }

    /// Where a new entry's first password came from; only a generated one is shown in the completed file.
    public enum PasswordSource: String, Codable, Sendable {
        case generated, file, `default`
    }

    public var jobID: UUID
    /// The row's number in the user's spreadsheet.
    public var number: Int
    public var cells: [String]
    public var outcome: Outcome
    public var error: String?
    public var entryID: UUID?
    public var passwordSource: PasswordSource?

    public init(
        jobID: UUID, number: Int, cells: [String], outcome: Outcome = .pending, error: String? = nil, entryID: UUID? = nil,
        passwordSource: PasswordSource? = nil
    ) {
        self.jobID = jobID
        self.number = number
        self.cells = cells
        self.outcome = outcome
        self.error = error
        self.entryID = entryID
        self.passwordSource = passwordSource
    }
}
