import AdmitCore
import Foundation
import Hummingbird

/// The coordinator's and invigilator's pages under `/staff`.
struct StaffRoutes {
    let admissions: Admissions
    let pages: Pages
    let credentials: CredentialQueue

    /// Sign-in and sign-out, outside the authenticated group.
    func registerSignIn(on router: RouterGroup<AdmitRequestContext>) {
        router.get("/staff", use: signInPage)
        router.post("/staff/signin", use: signIn)
        router.post("/staff/signout", use: signOut)
    }

    func register(on router: RouterGroup<AdmitRequestContext>) {
        router.get("/sessions", use: sessionsPage)
        router.get("/sessions/new", use: newSessionPage)
        router.post("/sessions", use: createSession)
        router.get("/sessions/{id}", use: sessionPage)
        router.post("/sessions/{id}", use: updateSession)
        router.get("/sessions/{id}/edit", use: editSessionPage)
        router.post("/sessions/{id}/batches", use: addEntries)
        router.post("/sessions/{id}/entries", use: actOnSelection)
        router.post("/sessions/{id}/withdraw", use: withdraw)
        router.post("/sessions/{id}/reset", use: reset)
        router.get("/sessions/{id}/report", use: reportPage)
        router.get("/sessions/{id}/report.xlsx", use: reportWorkbook)
        router.get("/sessions/{id}/report.csv", use: reportCSV)
        router.get("/find", use: findPage)
        registerMembers(on: router)
    }

    // MARK: Sign-in

    struct SignInForm: Decodable {
        var username: String?
        var password: String?
    }

    @Sendable func signInPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        if context.sessions.session?.staffID != nil { return Pages.redirect("/staff/sessions") }
        return try pages.staffPage(StaffSignInPage(), context, title: StaffSignInPage.title)
    }

    @Sendable func signIn(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let form = try await request.form(SignInForm.self, context: context)
        let (username, password) = (form.username ?? "", form.password ?? "")
        do {
            let member = try await credentials.run { [admissions] in try admissions.authenticateStaff(username: username, password: password) }
            let stamp = try member.signInStamp
            try context.renewWebSession {
                $0.staffID = member.id
                $0.staffStamp = stamp
            }
            return Pages.redirect("/staff/sessions")
        } catch let refusal as AdmitError {
            if refusal.kind == .refused { ServerMetrics.signInFailed(form: "staff") }
            return try pages.staffPage(
                StaffSignInPage(username: username), context, title: StaffSignInPage.title, error: refusal, status: .unauthorized)
        }
    }

    @Sendable func signOut(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        context.endWebSession()
        return Pages.redirect("/staff")
    }

    // MARK: Sessions

    @Sendable func sessionsPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let search = request.uri.queryParameters["q"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let sessions = try await blocking { [admissions] in try admissions.sessions(visibleTo: member, search: search) }
        let page = SessionsPage(
            q: search ?? "", mayCreate: member.may(.manage, institution: nil), sessions: sessions.map(SessionRow.init), none: sessions.isEmpty)
        return try pages.staffPage(page, context, title: "Sessions")
    }

    @Sendable func newSessionPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        try admissions.authorize(member, .manage)
        return try pages.staffPage(try await newSessionModel(member, SessionForm()), context, title: "New session")
    }

    @Sendable func createSession(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        try admissions.authorize(member, .manage)
        let form = try await request.form(SessionForm.self, context: context)
        let institution = member.institutionCode ?? form.institution ?? ""
        do {
            let (starts, ends, template, required) = (try form.startsAt, try form.endsAt, try form.template, form.requiredDetails)
            let acting = admissions.acting(as: member.actorName)
            let session = try await blocking {
                try acting.createSession(
                    institution: institution, name: form.name ?? "", startsAt: starts, endsAt: ends, usernameTemplate: template,
                    requiredDetails: required, signInURL: form.address)
            }
            try context.updateWebSession { $0.flash = "Created the session \(session.name)." }
            return Pages.redirect("/staff/sessions/\(session.id.lowercased)")
        } catch let refusal as AdmitError where [.invalidInput, .notFound, .conflict].contains(refusal.kind) {
            return try pages.staffPage(
                try await newSessionModel(member, form), context, title: "New session", error: refusal, beside: SessionForm.field(of: refusal),
                status: .badRequest)
        }
    }

    @Sendable func sessionPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, member, .view)
        let flash = context.sessions.session?.flash
        if flash != nil { try context.updateWebSession { $0.flash = nil } }
        return try pages.staffPage(try await sessionModel(request, member, session), context, title: session.name, flash: flash)
    }

    struct CountForm: Decodable {
        var count: String?
    }

    @Sendable func addEntries(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, member, .manage)
        let form = try await request.form(CountForm.self, context: context)
        let acting = admissions.acting(as: member.actorName)
        do {
            let batch = try BatchRequest(size: try BatchRequest.size(from: form.count ?? ""))
            let outcome = try await blocking { try acting.addBatch(to: session, batch) }
            try context.updateWebSession {
                $0.flash =
                    "Added \(outcome.batch.size) \(outcome.batch.size == 1 ? "entry" : "entries"). They are selected: download their slips to print."
            }
            return Pages.redirect("/staff/sessions/\(session.id.lowercased)?batch=\(outcome.batch.id.lowercased)")
        } catch let refusal as AdmitError where refusal.kind == .invalidInput || refusal.kind == .closed {
            try context.updateWebSession { $0.flash = nil }
            // A bad count is shown beside the count; a session that has ended, above the page.
            let shown = refusal.kind == .invalidInput ? refusal.about(.count) : refusal
            return try await sessionPageWithError(request, context, member, session, shown)
        }
    }

    // MARK: Helpers

    /// The session the path names, if the member's role allows `permission` on it.
    func session(_ request: Request, _ context: AdmitRequestContext, _ member: StaffMember, _ permission: StaffPermission) async throws
        -> TestSession
    {
        let reference = try context.parameters.require("id")
        return try await blocking { [admissions] in try admissions.session(id: reference, for: member, may: permission) }
    }

    /// The session page with `error` above it and, when it names a field, beside that field; `file` stays chosen.
    func sessionPageWithError(
        _ request: Request, _ context: AdmitRequestContext, _ member: StaffMember, _ session: TestSession,
        _ error: AdmitError, file: String? = nil
    ) async throws -> Response {
        return try pages.staffPage(
            try await sessionModel(request, member, session, file: file), context, title: session.name, error: error, status: .badRequest)
    }

    /// Entries shown per page of a session: large sessions are paged, and "Whole session" downloads cover every page.
    static let pageSize = 500

    /// The session page: one page of the entries table (`?page=`), all ticked with `?select=all`, a new batch's
    /// ticked with `?batch=` (and offered for download at once); `file` chosen in the download list.
    func sessionModel(_ request: Request, _ member: StaffMember, _ session: TestSession, file: String? = nil) async throws -> SessionPage {
        let batch = request.uri.queryParameters["batch"].flatMap { UUID(uuidString: String($0)) }
        let requested = request.uri.queryParameters["page"].flatMap { Int($0) }
        let listed = try await blocking { [admissions] in
            try admissions.entryPage(of: session, page: requested, size: Self.pageSize, showing: batch)
        }
        let (number, last, shown) = (listed.page, listed.pages, listed.entries)
        let selectAll = request.uri.queryParameters["select"] == "all"
        let id = session.id.lowercased
        let mayDownload = member.may(.download, institution: session.institutionCode)
        var page = SessionPage(
            session: SessionRow(session), mayManage: member.may(.manage, institution: session.institutionCode), mayDownload: mayDownload,
            entries: shown.map { EntryRow($0, checked: selectAll || ($0.batch == batch && batch != nil)) }, count: listed.total,
            none: listed.total == 0, maxBatch: Batch.sizes.upperBound, selectAllLink: "/staff/sessions/\(id)?select=all&page=\(number)",
            files: FileOption.list(selecting: file))
        if mayDownload, let batch, listed.batchCount > 0 {
            page.newBatch = .init(id: batch.lowercased, count: listed.batchCount, noun: listed.batchCount == 1 ? "login" : "logins")
        }
        if last > 1 {
            page.paging = .init(
                page: number, pages: last, previous: number > 1 ? "/staff/sessions/\(id)?page=\(number - 1)" : "",
                next: number < last ? "/staff/sessions/\(id)?page=\(number + 1)" : "", hasPrevious: number > 1, hasNext: number < last)
        }
        return page
    }

    private func newSessionModel(_ member: StaffMember, _ form: SessionForm) async throws -> NewSessionPage {
        let institutions = try await blocking { [admissions] in try admissions.institutions() }
            .filter { member.institutionCode == nil || $0.code == member.institutionCode }
        return NewSessionPage(
            form: SessionFormValues(form), timeZone: TimeZone.current.identifier,
            institutions: InstitutionOption.list(institutions, selecting: form.institution))
    }

    static func entryIDs(_ texts: [String]?) throws -> [UUID] {
        try (texts ?? []).map { text in
            guard let id = UUID(uuidString: text) else { throw AdmitError(.invalidInput, .notAnEntryGUID(text)) }
            return id
        }
    }

    static func day(_ date: Date) -> String { date.formatted(.iso8601.year().month().day()) }
    /// "2026-11-25 08:40", the server's local time: staff compare times across pages and files.
    static func time(_ date: Date) -> String {
        date.formatted(
            Date.VerbatimFormatStyle(
                format:
                    "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
                timeZone: .current, calendar: Calendar(identifier: .gregorian)))
    }
}
