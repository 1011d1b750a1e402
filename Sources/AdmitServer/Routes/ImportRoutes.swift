import AdmitCore
import AdmitTables
import AdmitXLSX
import Foundation
import Hummingbird

/// Named rosters on the web: upload a CSV or XLSX or paste rows, choose the columns Admit did not find (the
/// mapping step), check it (the verify screen), import it as a job, read the session's import history, and
/// download a job's three files and the template.
struct ImportRoutes {
    let admissions: Admissions
    let pages: Pages

    func register(on router: RouterGroup<AdmitRequestContext>) {
        router.get("/sessions/{id}/import", use: importPage)
        router.post("/sessions/{id}/import", use: verify)
        router.post("/sessions/{id}/import/map", use: map)
        router.post("/sessions/{id}/import/run", use: run)
        router.get("/roster-template/{format}", use: template)
        router.get("/imports/{job}", use: jobPage)
        router.post("/imports/{job}/files", use: files)
    }

    @Sendable func importPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (_, session) = try await session(request, context, .manage)
        return try pages.staffPage(try await importModel(session), context, title: Self.title(session))
    }

    /// Reads the upload (a file or pasted rows) and checks every row; nothing is recorded. The verify page offers
    /// to import it; when a required column is not found, the mapping step asks for it first.
    @Sendable func verify(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (member, session) = try await session(request, context, .manage)
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        do {
            guard let form = try MultipartForm.read(request, body: body) else {
                throw AdmitError(.invalidInput, .noRoster, field: .roster)
            }
            var upload = try ImportUpload.read(form)
            // Choices made for an earlier file apply where this one has the same headings.
            upload.overrides = Self.remembered(context, session).filter { RosterMapping.index(of: $0.value, in: upload.header) != nil }
            return try await check(upload, member, session, context)
        } catch let refusal as AdmitError where refusal.kind == .invalidInput {
            return try await formPage(session, context, refusal)
        }
    }

    /// The mapping step's answer: the choices are checked against the file kept since the upload; a problem
    /// shows the step again beside its drop-down, with the file kept anew.
    @Sendable func map(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (member, session) = try await session(request, context, .manage)
        let form = try await request.form(ImportMappingStep.Form.self, context: context)
        let token = form.token ?? ""
        guard var upload = try await blocking({ [admissions] in try admissions.takePendingImport(token, session: session.id, staff: member.id) })
        else {
            throw AdmitError(.conflict, .checkedRosterGone)
        }
        upload.overrides = form.choices
        if let problem = RosterMapping.match(header: upload.header, overrides: upload.overrides).problem {
            return try await mappingPage(
                upload, member, session, context, refusal: ImportMappingStep.refusal(problem, header: upload.header), status: .badRequest)
        }
        try context.updateWebSession { web in
            web.importChoices = (web.importChoices ?? [:]).merging(
                [session.id.lowercased: Dictionary(uniqueKeysWithValues: form.choices.map { ($0.key.rawValue, $0.value) })]
            ) { $1 }
        }
        do {
            return try await check(upload, member, session, context)
        } catch let refusal as AdmitError where refusal.kind == .invalidInput {
            return try await formPage(session, context, refusal)
        }
    }

    /// The mapping step when a required column is missing, else the verify page with what the import would do.
    private func check(_ upload: RosterUpload, _ member: StaffMember, _ session: TestSession, _ context: AdmitRequestContext) async throws
        -> Response
    {
        if let problem = RosterMapping.match(header: upload.header, overrides: upload.overrides).problem {
            return try await mappingPage(
                upload, member, session, context, refusal: ImportMappingStep.refusal(problem, header: upload.header), status: .ok)
        }
        let (report, token) = try await blocking { [admissions] in
            (try admissions.verifyImport(into: session, upload), try admissions.keepPendingImport(upload, session: session.id, staff: member.id))
        }
        let chosen = RosterColumn.allCases.compactMap { column in upload.overrides[column].map { "\(column.rawValue) from “\($0)”" } }
        let (errors, more) = RowError.first(10, of: report.errors)
        let page = ImportVerifyPage(
            session: SessionRow(session), fileName: upload.fileName, rows: upload.rows.count, counts: report.counts, token: token,
            errors: errors, moreErrors: more, hasMoreErrors: more > 0, hasErrors: !report.errors.isEmpty,
            importable: report.counts.new + report.counts.updated > 0, ignored: report.ignoredHeadings.joined(separator: ", "),
            hasIgnored: !report.ignoredHeadings.isEmpty, cut: report.cutHeadings.map { "“\($0)”" }.joined(separator: ", "),
            hasCut: !report.cutHeadings.isEmpty, cutLength: ImportLimits.unusedCellCharacters.formatted(), readAs: upload.readAs ?? "",
            hasReadAs: upload.readAs != nil, chosen: chosen.joined(separator: ", "), hasChosen: !chosen.isEmpty,
            hasDefaultPassword: upload.defaultPassword != nil)
        return try pages.staffPage(page, context, title: "Check \(upload.fileName)")
    }

    private func mappingPage(
        _ upload: RosterUpload, _ member: StaffMember, _ session: TestSession, _ context: AdmitRequestContext, refusal: AdmitError,
        status: HTTPResponse.Status
    ) async throws -> Response {
        let token = try await blocking { [admissions] in try admissions.keepPendingImport(upload, session: session.id, staff: member.id) }
        let refused = status == .badRequest ? refusal : nil
        let page = ImportMappingStep.page(
            upload, session: session, choices: upload.overrides, token: token, problem: refusal, refusal: refused, pages.localization)
        return try pages.staffPage(page, context, title: "Choose the columns of \(upload.fileName)", error: refused, status: status)
    }

    /// The import form again, the refusal beside its field (the file's, unless it names another).
    private func formPage(_ session: TestSession, _ context: AdmitRequestContext, _ refusal: AdmitError) async throws -> Response {
        let field = refusal.field.flatMap { [AdmitField.pasted, .encoding, .defaultPassword].contains($0) ? $0 : nil } ?? .roster
        return try pages.staffPage(
            try await importModel(session), context, title: Self.title(session), error: refusal.about(field), status: .badRequest)
    }

    /// The roster template to fill in, as `admit template` writes it.
    @Sendable func template(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        _ = try context.requireStaff()
        guard let format = Download.Format(rawValue: try context.parameters.require("format")) else {
            throw AdmitError(.notFound, .noSuchTemplate)
        }
        let name = "roster-template.\(format.rawValue)"
        let data = try await blocking {
            switch format {
            case .csv: return RosterTemplate.csv()
            case .xlsx:
                return try TemporaryFolder.use { folder in
                    let target = folder.appendingPathComponent(name)
                    try RosterTemplate.writeXLSX(to: target)
                    return try Data(contentsOf: target)
                }
            }
        }
        return Download.attachment(data, name: name, type: format.contentType)
    }

    /// The choices of the mapping step made in this browser session for this test session.
    static func remembered(_ context: AdmitRequestContext, _ session: TestSession) -> [RosterColumn: String] {
        let kept = context.sessions.session?.importChoices?[session.id.lowercased] ?? [:]
        return Dictionary(uniqueKeysWithValues: kept.compactMap { key, heading in RosterColumn(rawValue: key).map { ($0, heading) } })
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
            throw AdmitError(.conflict, .importCheckGone)
        }
        let acting = admissions.acting(as: member.actorName)
        let report = try await blocking { try acting.importRoster(into: session, upload) }
        guard let job = report.job else { throw AdmitError(.storage, .importRecordedNoJob) }
        return Pages.redirect("/staff/imports/\(job.id.lowercased)")
    }

    @Sendable func jobPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (_, session, job) = try await job(request, context)
        let errors = try await blocking { [admissions] in try admissions.importErrors(of: job) }
        let (shown, more) = RowError.first(50, of: errors)
        let page = ImportJobPage(
            session: SessionRow(session), job: JobRow(job), errors: shown, moreErrors: more, hasMoreErrors: more > 0, hasErrors: !errors.isEmpty)
        return try pages.staffPage(page, context, title: "Import of \(job.fileName)")
    }

    struct FilesForm: Decodable {
        var kind: String?
    }

    /// One of the job's files: uploaded (no passwords), completed (the temporary passwords still unused; audited) or errors.
    @Sendable func files(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (member, _, job) = try await job(request, context)
        let form = try await request.form(FilesForm.self, context: context)
        guard let kind = ImportFileKind(rawValue: form.kind ?? "") else { throw AdmitError(.invalidInput, .notAnImportFile) }
        let ext = job.format == .xlsx ? "xlsx" : "csv"
        let name = "import-\(job.id.lowercased.prefix(8))-\(kind.rawValue).\(ext)"
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
        // Another institution's job answers as a job that does not exist.
        let (job, session) = try await blocking { [admissions] in try admissions.importJob(reference, for: member, may: .manage) }
        return (member, session, job)
    }

    private func importModel(_ session: TestSession) async throws -> ImportPage {
        let jobs = try await blocking { [admissions] in try admissions.importJobs(session: session) }
        return ImportPage(
            session: SessionRow(session), jobs: jobs.map(JobRow.init), hasJobs: !jobs.isEmpty,
            columns: RosterColumn.allCases.map { ImportPage.Column(name: $0.rawValue, required: $0.isRequired) },
            encodings: TextEncoding.allCases.map { ImportPage.Encoding(value: $0.rawValue, name: $0.name) })
    }

    private static func title(_ session: TestSession) -> String { "Import a roster: \(session.name)" }
}
