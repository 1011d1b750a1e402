import AdmitCore
import Foundation
import Hummingbird

/// The candidate's pages at `/`: sign in with the slip, give details and a new password, get the personal username.
struct CandidateRoutes {
    let admissions: Admissions
    let pages: Pages
    let credentials: CredentialQueue

    func register(on router: RouterGroup<AdmitRequestContext>) {
        router.get("/", use: signInPage)
        router.post("/signin", use: signIn)
        router.get("/register", use: registrationPage)
        router.post("/register", use: registerCandidate)
        router.get("/done", use: donePage)
        router.get("/welcome", use: welcomePage)
        router.post("/signout", use: signOut)
    }

    struct SignInForm: Decodable {
        var institution: String?
        var username: String?
        var password: String?
    }

    struct RegistrationForm: Decodable {
        var givenName: String?
        var familyName: String?
        var birthDate: String?
        var email: String?
        var candidateNumber: String?
        var newPassword: String?
        var confirmPassword: String?
    }

    @Sendable func signInPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let language = context.language
        if let page = context.sessions.session?.candidate, !page.justRegistered { return Pages.redirect("/welcome") }
        // A slip's QR code opens `/?institution=GB042&username=K7QM4XPA`: the candidate types only the password.
        // Never a password from the address: it would stay in the browser's history and the proxies' logs.
        let query = request.uri.queryParameters
        let (institution, username) = (Self.prefilled(query["institution"]), Self.prefilled(query["username"]))
        var page = SignInPage(institution: institution, username: username)
        var languageQuery = ""
        if !institution.isEmpty, !username.isEmpty {
            page.focusPassword = true
            languageQuery = "institution=\(Self.queryValue(institution))&username=\(Self.queryValue(username))&"
        }
        return try render(page, language, context, languageQuery: languageQuery)
    }

    @Sendable func signIn(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let language = context.language
        let form = try await request.form(SignInForm.self, context: context)
        let (institution, username, password) = (form.institution ?? "", form.username ?? "", form.password ?? "")
        let typed = SignInPage(institution: institution, username: username)
        do {
            let (outcome, grant) = try await credentials.run { [admissions] in
                try admissions.signInWithGrant(institution: institution, username: username, password: password)
            }
            let now = Date()
            switch outcome {
            case .registrationRequired(let session):
                // The session carries the grant, never the slip's password, and lives no longer than the step.
                try context.renewWebSession(expiresIn: WebSession.FirstLogin.storedLifetime) {
                    $0.firstLogin = .init(
                        institution: institution, username: username, grant: grant ?? "", named: false, sessionName: session.name,
                        requiredDetails: DetailField.allCases.filter(session.requiredDetails.contains).map(\.formField), startedAt: now)
                }
                return Pages.redirect("/register")
            case .passwordChangeRequired(let personal, let session):
                try context.renewWebSession(expiresIn: WebSession.FirstLogin.storedLifetime) {
                    $0.firstLogin = .init(
                        institution: institution, username: personal, grant: grant ?? "", named: true, sessionName: session.name,
                        requiredDetails: [], startedAt: now)
                }
                return Pages.redirect("/register")
            case .signedIn(let personal, let session):
                try context.renewWebSession {
                    $0.candidate = .init(personalUsername: personal, sessionName: session.name, at: now, justRegistered: false)
                }
                return Pages.redirect("/welcome")
            }
        } catch let busy as CredentialQueue.Full {
            // Back to the form filled in as the slip's link fills it: never the password.
            let back =
                institution.isEmpty || username.isEmpty ? "/" : "/?institution=\(Self.queryValue(institution))&username=\(Self.queryValue(username))"
            return try busyPage(busy, back: back, language, context)
        } catch let refusal as AdmitError {
            if refusal.kind == .refused { ServerMetrics.signInFailed(form: "candidate") }
            return try render(typed, language, context, error: refusal, status: ErrorMiddleware.status(of: refusal.kind))
        }
    }

    @Sendable func registrationPage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let language = context.language
        guard let pending = context.sessions.session?.firstLogin, pending.isCurrent(at: Date()) else { return try timedOut(language, context) }
        return try render(registerModel(pending, typed: RegistrationForm()), language, context)
    }

    @Sendable func registerCandidate(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let language = context.language
        // The form sent again after its answer was lost, once the session already moved on.
        if let page = context.sessions.session?.candidate, page.justRegistered, context.sessions.session?.firstLogin == nil {
            return Pages.redirect("/done")
        }
        guard let pending = context.sessions.session?.firstLogin, pending.isCurrent(at: Date()) else { return try timedOut(language, context) }
        let form = try await request.form(RegistrationForm.self, context: context)
        let page = registerModel(pending, typed: form)
        guard form.newPassword == form.confirmPassword else {
            let error = AdmitError(.invalidInput, .passwordsDiffer(.candidate), field: .confirmPassword)
            return try render(page, language, context, error: error, status: .badRequest)
        }
        let details =
            pending.named
            ? nil
            : CandidateDetails(
                givenName: form.givenName ?? "", familyName: form.familyName ?? "", birthDate: form.birthDate, email: form.email,
                candidateNumber: form.candidateNumber)
        do {
            let outcome = try await credentials.run { [admissions] in
                try admissions.register(grant: pending.grant, details: details, newPassword: form.newPassword ?? "")
            }
            // In place (the cookie was renewed at sign-in): the used grant leaves the session.
            try context.updateWebSession {
                $0.firstLogin = nil
                $0.candidate = .init(personalUsername: outcome.personalUsername, sessionName: outcome.session.name, at: Date(), justRegistered: true)
            }
            return Pages.redirect("/done")
        } catch let busy as CredentialQueue.Full {
            return try busyPage(busy, back: "/register", language, context)
        } catch let refusal as AdmitError where refusal == SignInRefusal.timedOut {
            try context.updateWebSession { $0.firstLogin = nil }
            return try timedOut(language, context)
        } catch let refusal as AdmitError where refusal.kind == .refused {
            // The login stopped working meanwhile (registered elsewhere, withdrawn): start again from the slip.
            try context.updateWebSession { $0.firstLogin = nil }
            return try render(
                SignInPage(institution: pending.institution, username: pending.username), language, context, error: refusal,
                status: .unauthorized)
        } catch let refusal as AdmitError {
            return try render(page, language, context, error: refusal, status: ErrorMiddleware.status(of: refusal.kind))
        }
    }

    @Sendable func donePage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let language = context.language
        guard let page = context.sessions.session?.candidate else { return Pages.redirect("/") }
        return try render(DonePage(personalUsername: UsernameDisplay(page.personalUsername), sessionName: page.sessionName), language, context)
    }

    @Sendable func welcomePage(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let language = context.language
        guard let page = context.sessions.session?.candidate else { return Pages.redirect("/") }
        return try render(
            WelcomePage(
                personalUsername: UsernameDisplay(page.personalUsername), sessionName: page.sessionName,
                at: page.at.formatted(.dateTime.hour().minute().locale(Locale(identifier: language))), atISO: page.at.ISO8601Format()),
            language, context)
    }

    @Sendable func signOut(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        context.endWebSession()
        return Pages.redirect("/")
    }

    // MARK: Rendering

    /// Where each page is read with GET, for the language switch.
    private static let paths = ["signin": "/", "register": "/register", "done": "/done", "welcome": "/welcome"]

    private var localization: Localization { pages.localization }

    /// The longest institution ID or username a sign-in link may fill in; anything real is far shorter.
    static let prefillLength = 100

    /// A field's value from the address: trimmed and cut to a sane length (the page escapes it as every value).
    static func prefilled(_ value: Substring?) -> String {
        String((value ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(prefillLength))
    }

    private static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }

    /// A full credential queue: 503 with `Retry-After`. The page's script sends the form again by itself after it
    /// (the form stays as typed); without the script the page goes back to the form when the time is up.
    private func busyPage(_ busy: CredentialQueue.Full, back: String, _ language: String, _ context: AdmitRequestContext) throws -> Response {
        var response = try render(
            BusyPage(back: back), language, context, title: localization.strings(language)["busyTitle"] ?? "",
            refresh: "\(busy.retryAfter);url=\(back)", status: .serviceUnavailable)
        response.headers[.retryAfter] = String(busy.retryAfter)
        return response
    }

    private func timedOut(_ language: String, _ context: AdmitRequestContext) throws -> Response {
        let error = AdmitError(.refused, .signInStepExpired)
        return try render(SignInPage(), language, context, error: error, status: .unauthorized)
    }

    private func registerModel(_ pending: WebSession.FirstLogin, typed form: RegistrationForm) -> RegisterPage {
        let required = Set(pending.requiredDetails)
        return RegisterPage(
            named: pending.named, username: pending.username, sessionName: pending.sessionName, givenName: form.givenName ?? "",
            familyName: form.familyName ?? "", askBirthDate: required.contains(DetailField.birthDate.formField), birthDate: form.birthDate ?? "",
            askEmail: required.contains(DetailField.email.formField), email: form.email ?? "",
            askCandidateNumber: required.contains(DetailField.candidate.formField),
            candidateNumber: form.candidateNumber ?? "")
    }

    /// Renders a candidate page with its words, the CSRF token, the language switch and, if any, the error tied to
    /// its field (the password's on the sign-in page). `languageQuery` keeps a filled-in sign-in form filled in
    /// when the candidate switches language.
    private func render<Content: PageContent>(
        _ content: Content, _ language: String, _ context: AdmitRequestContext, title: String? = nil, refresh: String? = nil,
        languageQuery: String = "", error: AdmitError? = nil, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        var frame = PageFrame(
            title: title, lang: language, csrf: context.formToken, t: localization.strings(language), hasLanguages: true, refresh: refresh)
        frame.languages = Localization.supported.filter { $0 != language }.map {
            LanguageLink(
                code: $0, name: localization.strings($0)["languageName"] ?? $0,
                href: "\(Self.paths[content.template] ?? "/")?\(languageQuery)lang=\($0)")
        }
        if let error {
            let field = error.field?.rawValue ?? (content is SignInPage ? "password" : nil)
            frame.show(localization.pageMessage(error, language), field: field, beside: field)
        }
        return try pages.render(Page(frame: frame, content: content), status: status)
    }
}
