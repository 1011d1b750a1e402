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
        router.post("/sessions/{id}/batches", use: addEntries)
        router.post("/sessions/{id}/entries", use: actOnSelection)
        router.post("/sessions/{id}/withdraw", use: withdraw)
        router.get("/sessions/{id}/report", use: reportPage)
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
            try context.renewWebSession { $0.staffID = member.id }
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
                "title": "Sessions", "q": search ?? "", "mayCreate": member.may(.manage, institution: nil) && member.role != .invigilator,
                "sessions": sessions.map(Self.sessionRow), "none": sessions.isEmpty,
            ])
    }

    struct NewSessionForm: Decodable {
        var institution: String?
        var name: String?
        var startsOn: String?
        var endsOn: String?
        var requireBirthDate: String?
        var requireEmail: String?
        var requireCandidate: String?
    }

    @Sendable func newSessionPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        try admissions.authorize(member, .manage)
        return try render("staff-session-new", context, try await newSessionValues(member, NewSessionForm()))
    }

    @Sendable func createSession(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        try admissions.authorize(member, .manage)
        let form = try await request.form(NewSessionForm.self, context: context)
        let institution = member.institutionCode ?? form.institution ?? ""
        do {
            let starts = try form.startsOn.flatMap { $0.isEmpty ? nil : try SessionDate.parse($0, as: .start) }
            let ends = try form.endsOn.flatMap { $0.isEmpty ? nil : try SessionDate.parse($0, as: .end) }
            var required = Set<DetailField>()
            if form.requireBirthDate != nil { required.insert(.birthDate) }
            if form.requireEmail != nil { required.insert(.email) }
            if form.requireCandidate != nil { required.insert(.candidate) }
            let acting = admissions.acting(as: member.actorName)
            let details = required
            let session = try await blocking {
                try acting.createSession(institution: institution, name: form.name ?? "", startsAt: starts, endsAt: ends, requiredDetails: details)
            }
            try context.updateWebSession { $0.flash = "Created the session \(session.name)." }
            return Pages.redirect("/staff/sessions/\(session.id.uuidString.lowercased())")
        } catch let refusal as AdmitError where refusal.kind == .invalidInput || refusal.kind == .notFound {
            return try render("staff-session-new", context, try await newSessionValues(member, form), error: refusal, status: .badRequest)
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
            try context.updateWebSession { $0.flash = "Added \(outcome.batch.size) entries. Select them and download the slips to print." }
            return Pages.redirect("/staff/sessions/\(session.id.uuidString.lowercased())")
        } catch let refusal as AdmitError where refusal.kind == .invalidInput || refusal.kind == .closed {
            try context.updateWebSession { $0.flash = nil }
            // A bad count is shown beside the count; a session that has ended, above the page.
            let shown = refusal.kind == .invalidInput ? AdmitError(refusal.kind, refusal.message, field: "count") : refusal
            return try await sessionPageWithError(request, context, member, session, shown)
        }
    }

    struct SelectionForm: Decodable {
        var action: String?
        var scope: String?
        var entries: [String]?
        /// The page's "File" list (`Download.files`); `layout` and `format`, as the API takes them, from a form made by hand.
        var file: String?
        var layout: String?
        var format: String?
    }

    /// The entries form's buttons: download the selection (or the whole session), or ask to withdraw it.
    @Sendable func actOnSelection(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let form = try await request.form(SelectionForm.self, context: context)
        let ids = try Self.entryIDs(form.entries)
        switch form.action {
        case "download":
            let session = try await session(request, context, member, .download)
            let download: Download
            do {
                download = try Download(file: form.file, format: form.format, layout: form.layout)
            } catch let refusal as AdmitError {
                // A combination the list does not offer (sent by hand): the page again, the message beside the list.
                return try await sessionPageWithError(request, context, member, session, refusal)
            }
            let whole = form.scope == "all"
            guard whole || !ids.isEmpty else {
                return try await sessionPageWithError(
                    request, context, member, session, AdmitError(.invalidInput, "select entries to download, or choose “Whole session”"),
                    file: form.file)
            }
            return try await download.response(
                admissions.acting(as: member.actorName), session: session,
                filter: EntryFilter(entryIDs: whole ? nil : ids))
        case "withdraw":
            let session = try await session(request, context, member, .manage)
            guard !ids.isEmpty else {
                return try await sessionPageWithError(request, context, member, session, AdmitError(.invalidInput, "select the entries to withdraw"))
            }
            let chosen = Set(ids)
            let entries = try await blocking { [admissions] in try admissions.entries(of: session, filter: EntryFilter(entryIDs: ids)) }
                .filter { chosen.contains($0.guid) }
            return try render(
                "staff-withdraw", context,
                [
                    "title": "Withdraw entries", "session": Self.sessionRow(session),
                    "entries": entries.map { Self.entryRow($0, checked: true) }, "count": entries.count,
                    "noun": entries.count == 1 ? "entry" : "entries",
                ])
        default:
            throw HTTPError(.badRequest, message: "Choose what to do with the selected entries.")
        }
    }

    struct WithdrawForm: Decodable {
        var entries: [String]?
        var confirm: String?
    }

    @Sendable func withdraw(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, member, .manage)
        let form = try await request.form(WithdrawForm.self, context: context)
        guard form.confirm == "yes" else { return Pages.redirect("/staff/sessions/\(session.id.uuidString.lowercased())") }
        let ids = try Self.entryIDs(form.entries)
        let acting = admissions.acting(as: member.actorName)
        let outcome = try await blocking { try acting.withdraw(session: session, entries: ids) }
        try context.updateWebSession {
            $0.flash =
                "Withdrew \(outcome.withdrawn.count) \(outcome.withdrawn.count == 1 ? "entry" : "entries"); they can no longer sign in."
                + (outcome.alreadyWithdrawn.isEmpty ? "" : " \(outcome.alreadyWithdrawn.count) were already withdrawn.")
        }
        return Pages.redirect("/staff/sessions/\(session.id.uuidString.lowercased())")
    }

    @Sendable func reportPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, member, .readReport)
        let report = try await blocking { [admissions] in try admissions.report(session: session) }
        return try render(
            "staff-report", context,
            [
                "title": "Login report: \(session.name)", "session": Self.sessionRow(session),
                "counts": EntryState.allCases.map { ["state": $0.rawValue, "count": report.counts[$0] ?? 0] },
                "entries": report.entries.map { Self.entryRow($0, checked: false) },
                "generatedAt": Self.time(report.generatedAt),
            ])
    }

    // MARK: Helpers

    /// The session the path names, if the member's role allows `permission` on it.
    private func session(_ request: Request, _ context: AdmitRequestContext, _ member: StaffMember, _ permission: StaffPermission) async throws
        -> TestSession
    {
        let reference = try context.parameters.require("id")
        return try await blocking { [admissions] in try admissions.session(id: reference, for: member, may: permission) }
    }

    /// The session page with `error` above it and, when it names a field, beside that field; `file` stays chosen.
    private func sessionPageWithError(
        _ request: Request, _ context: AdmitRequestContext, _ member: StaffMember, _ session: TestSession,
        _ error: AdmitError, file: String? = nil
    ) async throws -> Response {
        var values = try await sessionValues(request, member, session, file: file)
        if let field = error.field { values["error_\(field)"] = ErrorMiddleware.sentence(error.message) }
        return try render("staff-session", context, values, error: error, status: .badRequest)
    }

    /// Entries shown per page of a session: large sessions are paged, and "Whole session" downloads cover every page.
    static let pageSize = 500

    /// The session page: one page of the entries table (`?page=`), all ticked with `?select=all`; `file` chosen in the download list.
    private func sessionValues(_ request: Request, _ member: StaffMember, _ session: TestSession, file: String? = nil) async throws -> [String: Any] {
        let entries = try await blocking { [admissions] in try admissions.entries(of: session) }
        let pages = max(1, (entries.count + Self.pageSize - 1) / Self.pageSize)
        let page = min(pages, max(1, request.uri.queryParameters["page"].flatMap { Int($0) } ?? 1))
        let selectAll = request.uri.queryParameters["select"] == "all"
        let shown = entries.dropFirst((page - 1) * Self.pageSize).prefix(Self.pageSize)
        let id = session.id.uuidString.lowercased()
        var values: [String: Any] = [
            "title": session.name, "session": Self.sessionRow(session),
            "mayManage": member.may(.manage, institution: session.institutionCode),
            "mayDownload": member.may(.download, institution: session.institutionCode),
            "entries": shown.map { Self.entryRow($0, checked: selectAll) }, "count": entries.count, "none": entries.isEmpty,
            "maxBatch": Batch.sizes.upperBound, "selectAllLink": "/staff/sessions/\(id)?select=all&page=\(page)",
            "files": Download.files.map { ["value": $0.value, "label": $0.label, "selected": $0.value == file] },
        ]
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

    private func newSessionValues(_ member: StaffMember, _ form: NewSessionForm) async throws -> [String: Any] {
        let institutions = try await blocking { [admissions] in try admissions.institutions() }
            .filter { member.institutionCode == nil || $0.code == member.institutionCode }
        return [
            "title": "New session", "name": form.name ?? "", "startsOn": form.startsOn ?? "", "endsOn": form.endsOn ?? "",
            "institutions": institutions.map { ["code": $0.code, "name": $0.name, "selected": $0.code == form.institution] },
            "requireBirthDate": form.requireBirthDate != nil, "requireEmail": form.requireEmail != nil,
            "requireCandidate": form.requireCandidate != nil,
        ]
    }

    static func entryIDs(_ texts: [String]?) throws -> [UUID] {
        try (texts ?? []).map { text in
            guard let id = UUID(uuidString: text) else { throw AdmitError(.invalidInput, "\"\(text)\" is not an entry GUID") }
            return id
        }
    }

    /// Template values; a missing value is left out (mustache would print "nil" and treat it as true).
    static func sessionRow(_ session: TestSession) -> [String: Any] {
        let row: [String: Any?] = [
            "id": session.id.uuidString.lowercased(), "name": session.name, "institution": session.institutionCode,
            "startsAt": session.startsAt.map(day), "endsAt": session.endsAt.map(day), "created": day(session.createdAt),
        ]
        return row.compactMapValues { $0 }
    }

    static func entryRow(_ entry: EntrySummary, checked: Bool) -> [String: Any] {
        let row: [String: Any?] = [
            "guid": entry.guid.uuidString.lowercased(), "number": entry.number, "username": entry.username, "state": entry.state.rawValue,
            "personalUsername": entry.personalUsername, "candidate": entry.candidate, "group": entry.group,
            "registeredAt": entry.registeredAt.map(time), "lastSignInAt": entry.lastSignInAt.map(time),
            "failedAttempts": entry.failedAttempts, "checked": checked,
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

    private func render(
        _ template: String, _ context: AdmitRequestContext, _ values: [String: Any], error: AdmitError? = nil,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        try pages.staffPage(template, context, values, error: error, status: status)
    }
}
