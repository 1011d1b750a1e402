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
        return try render("staff-signin", context, ["title": "Staff sign-in"])
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
            return try render("staff-signin", context, ["title": "Staff sign-in", "username": username], error: refusal, status: .unauthorized)
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
        return try render(
            "staff-sessions", context,
            [
                "title": "Sessions", "q": search ?? "", "mayCreate": member.may(.manage, institution: nil),
                "mayManageStaff": member.may(.manageStaff, institution: nil),
                "sessions": sessions.map(Self.sessionRow), "none": sessions.isEmpty,
            ])
    }

    @Sendable func newSessionPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        try admissions.authorize(member, .manage)
        return try render("staff-session-new", context, try await newSessionValues(member, SessionForm()))
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
            var values = try await newSessionValues(member, form)
            Self.showBeside(refusal, in: &values)
            return try render("staff-session-new", context, values, error: refusal, status: .badRequest)
        }
    }

    @Sendable func sessionPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, member, .view)
        let flash = context.sessions.session?.flash
        if flash != nil { try context.updateWebSession { $0.flash = nil } }
        var values = try await sessionValues(request, member, session)
        values["flash"] = flash
        return try render("staff-session", context, values)
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
        var values = try await sessionValues(request, member, session, file: file)
        if let field = error.field { values["error_\(field)"] = error.staffSentence }
        return try render("staff-session", context, values, error: error, status: .badRequest)
    }

    /// Entries shown per page of a session: large sessions are paged, and "Whole session" downloads cover every page.
    static let pageSize = 500

    /// The session page: one page of the entries table (`?page=`), all ticked with `?select=all`, a new batch's
    /// ticked with `?batch=` (and offered for download at once); `file` chosen in the download list.
    func sessionValues(_ request: Request, _ member: StaffMember, _ session: TestSession, file: String? = nil) async throws -> [String: Any] {
        let batch = request.uri.queryParameters["batch"].flatMap { UUID(uuidString: String($0)) }
        let requested = request.uri.queryParameters["page"].flatMap { Int($0) }
        let listed = try await blocking { [admissions] in
            try admissions.entryPage(of: session, page: requested, size: Self.pageSize, showing: batch)
        }
        let (page, pages, shown) = (listed.page, listed.pages, listed.entries)
        let selectAll = request.uri.queryParameters["select"] == "all"
        let id = session.id.lowercased
        let mayDownload = member.may(.download, institution: session.institutionCode)
        var values: [String: Any] = [
            "title": session.name, "session": Self.sessionRow(session),
            "mayManage": member.may(.manage, institution: session.institutionCode), "mayDownload": mayDownload,
            "entries": shown.map { Self.entryRow($0, checked: selectAll || ($0.batch == batch && batch != nil)) }, "count": listed.total,
            "none": listed.total == 0, "timeZone": TimeZone.current.identifier,
            "maxBatch": Batch.sizes.upperBound, "selectAllLink": "/staff/sessions/\(id)?select=all&page=\(page)",
            "files": Download.files.map { ["value": $0.value, "label": $0.label, "selected": $0.value == file] },
        ]
        if mayDownload, let batch, listed.batchCount > 0 {
            values["newBatch"] = ["id": batch.lowercased, "count": listed.batchCount, "noun": listed.batchCount == 1 ? "login" : "logins"]
        }
        if pages > 1 {
            values["paging"] = [
                "page": page, "pages": pages,
                "previous": page > 1 ? "/staff/sessions/\(id)?page=\(page - 1)" : "",
                "next": page < pages ? "/staff/sessions/\(id)?page=\(page + 1)" : "",
            ]
            values["hasPrevious"] = page > 1
            values["hasNext"] = page < pages
        }
        return values
    }

    private func newSessionValues(_ member: StaffMember, _ form: SessionForm) async throws -> [String: Any] {
        let institutions = try await blocking { [admissions] in try admissions.institutions() }
            .filter { member.institutionCode == nil || $0.code == member.institutionCode }
        return [
            "title": "New session", "form": form.values, "timeZone": TimeZone.current.identifier,
            "institutions": institutions.map { ["code": $0.code, "name": $0.name, "selected": $0.code == form.institution] },
        ]
    }

    /// A refusal's message beside its field; Core's names for a session's settings are the form's, except the days.
    static func showBeside(_ refusal: AdmitError, in values: inout [String: Any]) {
        guard let field = refusal.field else { return }
        let formField = ["starts": "startsOn", "ends": "endsOn"][field.rawValue] ?? field.rawValue
        values["error_\(formField)"] = refusal.staffSentence
    }

    static func entryIDs(_ texts: [String]?) throws -> [UUID] {
        try (texts ?? []).map { text in
            guard let id = UUID(uuidString: text) else { throw AdmitError(.invalidInput, .notAnEntryGUID(text)) }
            return id
        }
    }

    /// Template values; a missing value is left out (mustache would print "nil" and treat it as true).
    static func sessionRow(_ session: TestSession) -> [String: Any] {
        let row: [String: Any?] = [
            "id": session.id.lowercased, "name": session.name, "institution": session.institutionCode,
            "startsAt": session.startsAt.map(day), "endsAt": session.endsAt.map(day), "created": day(session.createdAt),
        ]
        return row.compactMapValues { $0 }
    }

    static func entryRow(_ entry: EntrySummary, checked: Bool) -> [String: Any] {
        let row: [String: Any?] = [
            "guid": entry.guid.lowercased, "number": entry.number, "username": entry.username, "state": entry.state.rawValue,
            "personalUsername": entry.personalUsername, "candidate": entry.candidate, "group": entry.group,
            "registeredAt": entry.registeredAt.map(time), "lastSignInAt": entry.lastSignInAt.map(time),
            "failedAttempts": entry.failedAttempts, "lockedUntil": entry.lockedUntil.map(time), "checked": checked,
        ]
        return row.compactMapValues { $0 }
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

    func render(
        _ template: String, _ context: AdmitRequestContext, _ values: [String: Any], error: AdmitError? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        try pages.staffPage(template, context, values, error: error, status: status)
    }
}
