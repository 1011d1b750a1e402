import AdmitCore

/// "Import a roster": the upload form, the columns Admit reads, and the session's import history.
struct ImportPage: PageContent {
    var template: String { "staff-import" }
    var session: SessionRow
    var jobs: [JobRow]
    var hasJobs: Bool
    var columns: [Column]
    var encodings: [Encoding]

    struct Column {
        var name: String
        var required: Bool
    }

    struct Encoding {
        var value: String
        var name: String
    }
}

/// The check of an upload: what the import would do, row errors, and the "Import" button.
struct ImportVerifyPage: PageContent {
    var template: String { "staff-import-verify" }
    var session: SessionRow
    var fileName: String
    var rows: Int
    var counts: ImportCounts
    /// The checked roster kept for "Import".
    var token: String
    var errors: [RowError]
    var moreErrors: Int
    var hasMoreErrors: Bool
    var hasErrors: Bool
    var importable: Bool
    var ignored: String
    var hasIgnored: Bool
    var cut: String
    var hasCut: Bool
    var cutLength: String
    var readAs: String
    var hasReadAs: Bool
    var chosen: String
    var hasChosen: Bool
    var hasDefaultPassword: Bool
}

/// The mapping step: a drop-down of the file's headings per roster column.
struct ImportMapPage: PageContent {
    var template: String { "staff-import-map" }
    var session: SessionRow
    var fileName: String
    var token: String
    var fields: [Field]
    /// Why the step is shown, when no posted choice was refused.
    var problem: String

    struct Field {
        /// The drop-down's form field (`map-givenname`).
        var field: String
        var column: String
        var required: Bool
        var options: [Option]
        var fieldError: String?
        var noneSelected: Bool
    }

    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }
}

/// An import job: its facts, its three files, and the rows it left out.
struct ImportJobPage: PageContent {
    var template: String { "staff-import-job" }
    var session: SessionRow
    var job: JobRow
    var errors: [RowError]
    var moreErrors: Int
    var hasMoreErrors: Bool
    var hasErrors: Bool
}

/// An import job as the history and the job page show it.
struct JobRow {
    var id: String
    var short: String
    var fileName: String
    var state: String
    var rows: Int
    var counts: ImportCounts
    var createdAt: String
    var createdBy: String
    var failure: String?

    init(_ job: ImportJob) {
        id = job.id.lowercased
        short = String(job.id.lowercased.prefix(8))
        fileName = job.fileName
        state = job.state.rawValue
        rows = job.rowCount
        counts = job.counts
        createdAt = StaffRoutes.time(job.createdAt)
        createdBy = job.createdBy
        failure = job.failure
    }
}

/// A row an import leaves out, and why, as a sentence.
struct RowError {
    var row: Int
    var message: String

    /// The first `limit` of `errors`, and how many more there are.
    static func first(_ limit: Int, of errors: [ImportReport.RowError]) -> (shown: [RowError], more: Int) {
        (errors.prefix(limit).map { RowError(row: $0.row, message: ErrorMiddleware.sentence($0.message)) }, max(0, errors.count - limit))
    }
}
