import AdmitCore
import AdmitTables
import AdmitXLSX
import Foundation
import Hummingbird

/// Named rosters on the web: upload a CSV or XLSX, check it (the verify screen), import it as a job, read the
/// session's import history, and download a job's three files.
struct ImportRoutes {
    let admissions: Admissions
    let pages: Pages

    func register(on router: RouterGroup<AdmitRequestContext>) {
        router.get("/sessions/{id}/import", use: importPage)
        router.post("/sessions/{id}/import", use: verify)
        router.post("/sessions/{id}/import/run", use: run)
        router.get("/imports/{job}", use: jobPage)
        router.post("/imports/{job}/files", use: files)
    }

    @Sendable func importPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (_, session) = try await session(request, context, .manage)
        return try render("staff-import", context, try await historyValues(session))
    }

    /// Reads the upload and checks every row; nothing is recorded. The verify page offers to import it.
    @Sendable func verify(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (member, session) = try await session(request, context, .manage)
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        do {
            guard let form = try MultipartForm.read(request, body: body), let file = form.file("roster") else {
                throw AdmitError(.invalidInput, "choose a roster file (CSV or XLSX) to upload", field: "roster")
            }
            let sheet = form.text("sheet").flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            let upload = try Self.upload(file.data, fileName: file.fileName, sheet: sheet)
            let (report, token) = try await blocking { [admissions] in
                (try admissions.verifyImport(into: session, upload), try admissions.keepPendingImport(upload, session: session.id, staff: member.id))
            }
            return try render(
                "staff-import-verify", context,
                [
                    "title": "Check \(upload.fileName)", "session": StaffRoutes.sessionRow(session), "fileName": upload.fileName,
                    "rows": upload.rows.count, "counts": Self.counts(report.counts), "token": token,
                    "errors": report.errors.prefix(10).map { ["row": $0.row, "message": ErrorMiddleware.sentence($0.message)] },
                    "moreErrors": max(0, report.errors.count - 10), "hasErrors": !report.errors.isEmpty,
                    "importable": report.counts.new + report.counts.updated > 0,
                    "ignored": report.ignoredHeadings.joined(separator: ", "), "hasIgnored": !report.ignoredHeadings.isEmpty,
                    "readAs": upload.readAs ?? "", "hasReadAs": upload.readAs != nil,
                ])
        } catch let refusal as AdmitError where refusal.kind == .invalidInput {
            var values = try await historyValues(session)
            values["error"] = ["message": ErrorMiddleware.sentence(refusal.message), "field": "roster"]
            values["error_roster"] = ErrorMiddleware.sentence(refusal.message)
            return try render("staff-import", context, values, status: .badRequest)
        }
    }

    struct RunForm: Decodable {
        var token: String?
    }

    @Sendable func run(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (member, session) = try await session(request, context, .manage)
        let form = try await request.form(RunForm.self, context: context)
        let token = form.token ?? ""
        let upload = try await blocking { [admissions] in try admissions.takePendingImport(token, session: session.id, staff: member.id) }
        guard let upload else {
            throw AdmitError(.conflict, "that check has expired or was already imported; upload the file again")
        }
        let acting = admissions.acting(as: member.actorName)
        let report = try await blocking { try acting.importRoster(into: session, upload) }
        guard let job = report.job else { throw AdmitError(.storage, "the import recorded no job") }
        return Pages.redirect("/staff/imports/\(job.id.uuidString.lowercased())")
    }

    @Sendable func jobPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (_, session, job) = try await job(request, context)
        let errors = try await blocking { [admissions] in try admissions.importErrors(of: job) }
        return try render(
            "staff-import-job", context,
            [
                "title": "Import of \(job.fileName)", "session": StaffRoutes.sessionRow(session), "job": Self.jobRow(job),
                "errors": errors.prefix(50).map { ["row": $0.row, "message": ErrorMiddleware.sentence($0.message)] },
                "moreErrors": max(0, errors.count - 50), "hasErrors": !errors.isEmpty,
            ])
    }

    struct FilesForm: Decodable {
        var kind: String?
    }

    /// One of the job's files: uploaded (no passwords), completed (the temporary passwords still unused; audited) or errors.
    @Sendable func files(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (member, _, job) = try await job(request, context)
        let form = try await request.form(FilesForm.self, context: context)
        guard let kind = ImportFileKind(rawValue: form.kind ?? "") else { throw AdmitError(.invalidInput, "choose uploaded, completed or errors") }
        let ext = job.format == .xlsx ? "xlsx" : "csv"
        let name = "import-\(job.id.uuidString.lowercased().prefix(8))-\(kind.rawValue).\(ext)"
        let acting = admissions.acting(as: member.actorName)
        let data = try await blocking {
            try TemporaryFolder.use { folder in
                let target = folder.appendingPathComponent(name)
                try acting.writeImportFiles(
                    of: job,
                    to: [
                        kind: .file(
                            at: target, sheetName: kind.rawValue.capitalized,
                            highlight: kind == .errors ? "Error" : nil)
                    ])
                return try Data(contentsOf: target)
            }
        }
        return Download.attachment(data, name: name, type: ext == "csv" ? Download.Format.csv.contentType : Download.Format.xlsx.contentType)
    }

    // MARK: Helpers

    /// Reads an uploaded CSV or XLSX into Core's upload; a file that is not a table is refused in one sentence.
    static func upload(_ data: Data, fileName: String, sheet: String?) throws -> RosterUpload {
        do {
            let (table, kind) = try TableReader.read(data, sheet: sheet)
            return RosterUpload(
                fileName: fileName, format: kind == .xlsx ? .xlsx : .csv, header: table.header,
                rows: table.rows.map { RosterUpload.Row(number: $0.number, cells: $0.cells) }, readAs: table.readAs)
        } catch let error as TableError {
            throw AdmitError(.invalidInput, "\(fileName) cannot be read: \(error.description)", field: "roster")
        }
    }

    private func session(_ request: Request, _ context: AdmitRequestContext, _ permission: StaffPermission) async throws -> (StaffMember, TestSession)
    {
        let member = try context.requireStaff()
        let reference = try context.parameters.require("id")
        return (member, try await blocking { [admissions] in try admissions.session(id: reference, for: member, may: permission) })
    }

    /// The job the path names; its files and errors are for those who may change its session.
    private func job(_ request: Request, _ context: AdmitRequestContext) async throws -> (StaffMember, TestSession, ImportJob) {
        let member = try context.requireStaff()
        let reference = try context.parameters.require("job")
        let (job, session) = try await blocking { [admissions] in
            let job = try admissions.importJob(reference)
            return (job, try admissions.session(id: job.sessionID.uuidString, for: member, may: .manage))
        }
        return (member, session, job)
    }

    private func historyValues(_ session: TestSession) async throws -> [String: Any] {
        let jobs = try await blocking { [admissions] in try admissions.importJobs(session: session) }
        return [
            "title": "Import a roster: \(session.name)", "session": StaffRoutes.sessionRow(session), "jobs": jobs.map(Self.jobRow),
            "hasJobs": !jobs.isEmpty, "columns": RosterColumn.allCases.map { ["name": $0.rawValue, "required": $0.isRequired] },
        ]
    }

    static func counts(_ counts: ImportCounts) -> [String: Int] {
        ["new": counts.new, "updated": counts.updated, "unchanged": counts.unchanged, "errors": counts.errors]
    }

    static func jobRow(_ job: ImportJob) -> [String: Any] {
        let row: [String: Any?] = [
            "id": job.id.uuidString.lowercased(), "short": String(job.id.uuidString.lowercased().prefix(8)), "fileName": job.fileName,
            "state": job.state.rawValue, "rows": job.rowCount, "counts": counts(job.counts), "createdAt": StaffRoutes.time(job.createdAt),
            "createdBy": job.createdBy, "failure": job.failure,
        ]
        return row.compactMapValues { $0 }
    }

    private func render(
        _ template: String, _ context: AdmitRequestContext, _ values: [String: Any],
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        try pages.staffPage(template, context, values, status: status)
    }
}
