import AdmitCore
import AdmitServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The candidate's pages: sign in with the slip, give details and a new password, get the personal username.
@Suite struct CandidateTests {
    static let newPassword = "Tr0ub4dor&3horse"

    /// The sign-in form of a slip's login.
    static func signInFields(_ slip: CredentialRow, password: String? = nil) -> [(String, String)] {
        [("institution", slip.institutionCode), ("username", slip.username), ("password", password ?? slip.password!)]
    }

    @Test func theSignInFormSetsAPrivateStrictCookieOverHTTP() async throws {
        let server = try Server()
        try await server.run { client in
            var browser = Browser(client)
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains(#"<form method="post" action="/signin""#))
            #expect(page.input("institution") != nil && page.input("username") != nil)
            #expect(page.input("password")?.contains(#"type="password""#) == true)
            #expect(page.csrf?.count == 64)

            // A visitor gets its form token as a cookie too (double submit): the server keeps nothing for a page view.
            let cookie = try #require(page.headers[values: .setCookie].first)
            let attributes = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            #expect(cookie.hasPrefix("admit-form=\(page.csrf ?? "-")"))
            #expect(attributes.contains("httponly"))
            #expect(attributes.contains("samesite=strict"))
            #expect(attributes.contains("path=/"))
            #expect(!attributes.contains("secure"))
            #expect(browser.cookie == nil)

            // The same browser keeps its token.
            let again = try await browser.get("/")
            #expect(again.headers[values: .setCookie].isEmpty)
            #expect(again.csrf == page.csrf)

            // Signing in starts the session: its cookie is private and strict as well.
            let slip = try server.slips(1)[0]
            let signedIn = try await browser.post("/signin", Self.signInFields(slip))
            #expect(signedIn.status == .seeOther)
            let session = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("admit=") })
            let sessionAttributes = session.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            #expect(sessionAttributes.contains("httponly") && sessionAttributes.contains("samesite=strict") && !sessionAttributes.contains("secure"))
            #expect(browser.cookie != nil)
        }
    }

    @Test func anHTTPSAddressMakesTheCookieSecureWithTheHostPrefix() async throws {
        let server = try Server(ServerConfiguration(publicURL: URL(string: "https://exams.northfield.example/")!))
        try await server.run { client in
            var browser = Browser(client, cookieName: "__Host-admit")
            let page = try await browser.get("/")
            let form = try #require(page.headers[values: .setCookie].first)
            #expect(form.hasPrefix("__Host-admit-form="))
            let slip = try server.slips(1)[0]
            let signedIn = try await browser.post("/signin", Self.signInFields(slip))
            #expect(signedIn.status == .seeOther && signedIn.location == "/register")
            for cookie in [form, try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("__Host-admit=") })] {
                let attributes = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                #expect(attributes.contains("secure") && attributes.contains("httponly") && attributes.contains("samesite=strict"))
                // A __Host- cookie must have Path=/ and no Domain, or browsers drop it.
                #expect(attributes.contains("path=/"))
                #expect(!attributes.contains { $0.hasPrefix("domain=") })
            }
            // And it works: the session carries through a sign-in.
            #expect(try await browser.get("/register").status == .ok)
        }
    }

    @Test func aSlipsLoginGoesThroughRegistrationToThePersonalUsername() async throws {
        let server = try Server()
        let slip = try server.slips(2)[1]
        try await server.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/")
            let before = browser.cookie
            let signedIn = try await browser.post("/signin", Self.signInFields(slip))
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/register")
            #expect(signedIn.headers[.cacheControl] == "no-store")
            // A new session after the sign-in: a cookie planted before it is worth nothing.
            #expect(browser.cookie != nil && browser.cookie != before)

            let form = try await browser.get("/register")
            #expect(form.status == .ok)
            #expect(form.text.contains("Your details and a new password"))
            #expect(form.text.contains("June Maths"))
            for field in ["givenName", "familyName", "newPassword", "confirmPassword"] { #expect(form.input(field) != nil, "\(field)") }
            // The session asks for nothing more.
            for field in ["birthDate", "email", "candidateNumber"] { #expect(form.input(field) == nil, "\(field)") }

            let registered = try await browser.post(
                "/register",
                [
                    ("givenName", "María"), ("familyName", "García"), ("newPassword", Self.newPassword), ("confirmPassword", Self.newPassword),
                ])
            #expect(registered.status == .seeOther)
            #expect(registered.location == "/done")

            let done = try await browser.get("/done")
            #expect(done.status == .ok)
            #expect(done.personalUsername?.text == "maria.garcia")
            #expect(done.headers[.cacheControl] == "no-store")
            let entry = try #require(try server.entries().first { $0.guid == slip.entryID })
            #expect(entry.state == .converted && entry.personalUsername == "maria.garcia")

            // The slip's login no longer works; whoever has its password learns why.
            _ = try await browser.get("/")
            let generic = try await browser.post("/signin", Self.signInFields(slip))
            #expect(generic.status == .unauthorized)
            #expect(generic.errorSummary == "This login was already registered — sign in with your personal username.")

            // The personal login signs in to the welcome page.
            let personal = try await browser.post(
                "/signin", [("institution", "GB042"), ("username", "maria.garcia"), ("password", Self.newPassword)])
            #expect(personal.status == .seeOther && personal.location == "/welcome")
            let welcome = try await browser.get("/welcome")
            #expect(welcome.status == .ok)
            #expect(welcome.text.contains("You are signed in"))
            #expect(welcome.text.contains(#"<dd id="session-name">June Maths</dd>"#))
            #expect(welcome.personalUsername?.text == "maria.garcia")
            // A signed-in candidate who opens the sign-in page again is sent to the welcome page.
            let home = try await browser.get("/")
            #expect(home.status == .seeOther && home.location == "/welcome")

            let signedOut = try await browser.post("/signout")
            #expect(signedOut.status == .seeOther && signedOut.location == "/")
            let after = try await browser.get("/welcome")
            #expect(after.status == .seeOther && after.location == "/")
            #expect(try await browser.get("/done").location == "/")
        }
    }

    @Test func signingOutEndsTheSessionOnTheServerToo() async throws {
        let server = try Server()
        let slip = try server.slips(1)[0]
        try await server.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/")
            _ = try await browser.post("/signin", Self.signInFields(slip))
            _ = try await browser.get("/register")
            _ = try await browser.post(
                "/register",
                [
                    ("givenName", "Maria"), ("familyName", "Garcia"), ("newPassword", Self.newPassword), ("confirmPassword", Self.newPassword),
                ])
            _ = try await browser.get("/")
            _ = try await browser.post("/signin", [("institution", "GB042"), ("username", "maria.garcia"), ("password", Self.newPassword)])
            let signedInCookie = try #require(browser.cookie)
            #expect(try await browser.get("/welcome").status == .ok)
            _ = try await browser.post("/signout")

            // Someone who copied the cookie before the sign-out (a shared computer) gets nothing with it.
            var copy = Browser(client)
            copy.cookie = signedInCookie
            let welcome = try await copy.get("/welcome")
            #expect(welcome.status == .seeOther && welcome.location == "/")
        }
    }

    @Test func thePersonalUsernameIsPrintedInPartsThatALineBreaksOnlyBetween() async throws {
        let server = try Server()
        let slips = try server.slips(2)
        // (given name, family name) → the parts of the username the session's template makes of them.
        let candidates = [
            (("José", "Núñez-O'Brien"), ["jose.", "nunez-", "obrien"]),
            (("Wolfeschlegelsteinhausenbergerdorff", "Smith"), ["wolfeschlegelsteinhausenbergerdo"]),
        ]
        try await server.run { client in
            for (slip, ((given, family), parts)) in zip(slips, candidates) {
                let username = parts.joined()
                var browser = Browser(client)
                _ = try await browser.get("/")
                _ = try await browser.post("/signin", Self.signInFields(slip))
                _ = try await browser.get("/register")
                _ = try await browser.post(
                    "/register",
                    [
                        ("givenName", given), ("familyName", family), ("newPassword", Self.newPassword), ("confirmPassword", Self.newPassword),
                    ])
                // Each part ends after a "." or "-" and never wraps; a line may break only at the <wbr> between two.
                let done = try await browser.get("/done")
                #expect(done.personalUsername?.text == username)
                #expect(done.personalUsername?.parts == parts)
                #expect(done.text.contains(parts.map { #"<span class="part">\#($0)</span>"# }.joined(separator: "<wbr>") + "</span></p>"))

                _ = try await browser.get("/")
                _ = try await browser.post("/signin", [("institution", "GB042"), ("username", username), ("password", Self.newPassword)])
                let welcome = try await browser.get("/welcome")
                #expect(welcome.personalUsername?.text == username)
                #expect(welcome.personalUsername?.parts == parts)
            }
        }
    }

    @Test func aSlipsQRCodeFillsInTheSignInFormAndFocusesThePassword() async throws {
        let server = try Server()
        let slip = try server.slips(1)[0]
        try await server.run { client in
            var browser = Browser(client)
            let page = try await browser.get("/?institution=GB042&username=\(slip.username)")
            #expect(page.status == .ok)
            #expect(page.input("institution")?.contains(#"value="GB042""#) == true)
            #expect(page.input("username")?.contains(#"value="\#(slip.username)""#) == true)
            let password = try #require(page.input("password"))
            #expect(password.contains(" autofocus") && !password.contains("value="))
            #expect(page.text.components(separatedBy: "autofocus").count == 2, "one field has the focus")
            // Switching language keeps the form filled in.
            #expect(page.text.contains(#"href="/?institution=GB042&amp;username=\#(slip.username)&amp;lang=es""#))
            let spanish = try await browser.get("/?institution=GB042&username=\(slip.username)&lang=es")
            #expect(spanish.text.contains(#"<html lang="es">"#) && spanish.input("username")?.contains(#"value="\#(slip.username)""#) == true)

            // The candidate types only the password.
            let signedIn = try await browser.post("/signin", Self.signInFields(slip))
            #expect(signedIn.location == "/register")
        }
    }

    @Test func aSignInLinkNeverCarriesAPasswordAndItsValuesAreTrimmedCutAndEscaped() async throws {
        let server = try Server()
        try await server.run { client in
            var browser = Browser(client)
            // Only one of the two: filled in, and the focus stays where it always is.
            let institutionOnly = try await browser.get("/?institution=GB042")
            #expect(institutionOnly.input("institution")?.contains(#"value="GB042""#) == true)
            #expect(institutionOnly.input("username")?.contains(#"value="""#) == true)
            #expect(!institutionOnly.text.contains("autofocus"))
            #expect(institutionOnly.text.contains(#"href="/?lang=es""#))
            let plain = try await browser.get("/")
            #expect(!plain.text.contains("autofocus"))

            let withPassword = try await browser.get("/?institution=GB042&username=K7QM4XPA&password=Secret-In-The-URL-1")
            #expect(!withPassword.text.contains("Secret-In-The-URL-1"))
            #expect(withPassword.input("password")?.contains("value=") == false)

            let spaced = try await browser.get("/?institution=%20GB042%20&username=%09K7QM4XPA%0A")
            #expect(spaced.input("institution")?.contains(#"value="GB042""#) == true)
            #expect(spaced.input("username")?.contains(#"value="K7QM4XPA""#) == true)

            let long = try await browser.get("/?institution=GB042&username=\(String(repeating: "K", count: 150))")
            #expect(long.input("username")?.contains(#"value="\#(String(repeating: "K", count: 100))""#) == true)

            let hostile = try await browser.get("/?institution=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E&username=%3Cb%3Ex")
            #expect(hostile.status == .ok)
            #expect(!hostile.text.contains("<script>alert(1)") && !hostile.text.contains("<b>x"))
            #expect(hostile.input("institution")?.contains(#"value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;""#) == true)
        }
    }

    @Test func aWrongPasswordIsRefusedOnThePageWithTheFieldMarked() async throws {
        let server = try Server()
        let slip = try server.slips(1)[0]
        try await server.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/")
            let page = try await browser.post("/signin", Self.signInFields(slip, password: "WRONGPASS9"))
            #expect(page.status == .unauthorized)
            #expect(page.text.contains(#"class="error-summary""#))
            #expect(page.errorSummary == "Invalid institution ID, username or password.")
            let password = try #require(page.input("password"))
            #expect(password.contains(#"aria-invalid="true""#))
            #expect(password.contains(#"aria-describedby="password-error""#))
            #expect(page.text.contains(#"id="password-error""#))
            // What was typed comes back, except the password.
            #expect(page.input("username")?.contains(#"value="\#(slip.username)""#) == true)
            #expect(page.input("institution")?.contains(#"value="GB042""#) == true)
            #expect(!page.text.contains("WRONGPASS9"))
            #expect(page.csrf != nil)
            // Nothing signed in: the next page is still the sign-in form.
            #expect(try await browser.get("/").status == .ok)
            #expect(try await browser.get("/register").status == .unauthorized)
        }
    }

    @Test func anUnknownUsernameGetsTheAnswerAWrongPasswordGets() async throws {
        let server = try Server()
        let slip = try server.slips(1)[0]
        try await server.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/")
            let wrong = try await browser.post("/signin", Self.signInFields(slip, password: "WRONGPASS9"))
            let unknown = try await browser.post("/signin", [("institution", "GB042"), ("username", "NOBODY99"), ("password", "WRONGPASS9")])
            let otherInstitution = try await browser.post(
                "/signin", [("institution", "US007"), ("username", slip.username), ("password", slip.password!)])
            #expect(wrong.status == .unauthorized && unknown.status == .unauthorized && otherInstitution.status == .unauthorized)
            // The pages differ only in the typed values they show back.
            func normalized(_ page: Page) -> String {
                page.text.replacingOccurrences(of: slip.username, with: "TYPED").replacingOccurrences(of: "NOBODY99", with: "TYPED")
                    .replacingOccurrences(of: "US007", with: "GB042")
            }
            #expect(normalized(wrong) == normalized(unknown))
            #expect(normalized(wrong) == normalized(otherInstitution))
        }
    }

    @Test func registrationErrorsAreTiedToTheirFieldAndChangeNothing() async throws {
        let server = try Server()
        let slip = try server.slips(1)[0]
        try await server.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/")
            _ = try await browser.post("/signin", Self.signInFields(slip))
            _ = try await browser.get("/register")

            let noName = try await browser.post(
                "/register",
                [
                    ("givenName", ""), ("familyName", "Garcia"), ("newPassword", Self.newPassword), ("confirmPassword", Self.newPassword),
                ])
            #expect(noName.status == .badRequest)
            let givenName = try #require(noName.input("givenName"))
            #expect(givenName.contains(#"aria-invalid="true""#) && givenName.contains(#"aria-describedby="givenName-error""#))
            #expect(noName.text.contains(#"<p class="field-error" id="givenName-error">The given name is missing.</p>"#))
            #expect(noName.text.contains(##"<a href="#givenName">The given name is missing.</a>"##))
            #expect(noName.input("familyName")?.contains("aria-invalid") == false)
            #expect(noName.input("familyName")?.contains(#"value="Garcia""#) == true)
            // Passwords are never written back into the page.
            #expect(!noName.text.contains(Self.newPassword))

            let differ = try await browser.post(
                "/register",
                [
                    ("givenName", "Maria"), ("familyName", "Garcia"), ("newPassword", Self.newPassword), ("confirmPassword", "Tr0ub4dor&3horsf"),
                ])
            #expect(differ.status == .badRequest)
            #expect(differ.input("confirmPassword")?.contains(#"aria-invalid="true""#) == true)
            #expect(differ.text.contains(#"id="confirmPassword-error">The two new passwords differ; type the same password twice.</p>"#))
            #expect(differ.input("givenName")?.contains(#"value="Maria""#) == true)

            let common = try await browser.post(
                "/register",
                [
                    ("givenName", "Maria"), ("familyName", "Garcia"), ("newPassword", "password1"), ("confirmPassword", "password1"),
                ])
            #expect(common.status == .badRequest)
            #expect(common.input("newPassword")?.contains(#"aria-invalid="true""#) == true)
            #expect(common.text.contains(#"id="newPassword-error">That password is one of the most common ones; choose another.</p>"#))

            #expect(try server.entries().map(\.state) == [.issued])
            // The step is still open: a corrected form registers.
            let fixed = try await browser.post(
                "/register",
                [
                    ("givenName", "Maria"), ("familyName", "Garcia"), ("newPassword", Self.newPassword), ("confirmPassword", Self.newPassword),
                ])
            #expect(fixed.location == "/done")
        }
    }

    @Test func theSessionsRequiredDetailsAppearAsFieldsAndAreChecked() async throws {
        let server = try Server(requiring: [.birthDate, .email, .candidate])
        let slip = try server.slips(1)[0]
        try await server.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/")
            _ = try await browser.post("/signin", Self.signInFields(slip))
            let form = try await browser.get("/register")
            #expect(form.input("birthDate")?.contains(#"type="date""#) == true)
            #expect(form.input("email")?.contains(#"type="email""#) == true)
            #expect(form.input("candidateNumber") != nil)

            let noEmail = try await browser.post(
                "/register",
                [
                    ("givenName", "Maria"), ("familyName", "Garcia"), ("birthDate", "2008-05-31"), ("email", ""), ("candidateNumber", "10442"),
                    ("newPassword", Self.newPassword), ("confirmPassword", Self.newPassword),
                ])
            #expect(noEmail.status == .badRequest)
            #expect(noEmail.input("email")?.contains(#"aria-invalid="true""#) == true)
            #expect(noEmail.text.contains(#"id="email-error""#))
            #expect(noEmail.input("birthDate")?.contains(#"value="2008-05-31""#) == true)

            let badDate = try await browser.post(
                "/register",
                [
                    ("givenName", "Maria"), ("familyName", "Garcia"), ("birthDate", "2008-02-30"), ("email", "maria@example.org"),
                    ("candidateNumber", "10442"), ("newPassword", Self.newPassword), ("confirmPassword", Self.newPassword),
                ])
            #expect(badDate.status == .badRequest)
            #expect(badDate.input("birthDate")?.contains(#"aria-invalid="true""#) == true)
            #expect(badDate.text.contains(#"id="birthDate-error""#))
            #expect(try server.entries().map(\.state) == [.issued])

            let good = try await browser.post(
                "/register",
                [
                    ("givenName", "Maria"), ("familyName", "Garcia"), ("birthDate", "2008-05-31"), ("email", "maria@example.org"),
                    ("candidateNumber", "10442"), ("newPassword", Self.newPassword), ("confirmPassword", Self.newPassword),
                ])
            #expect(good.location == "/done")
            let entry = try #require(try server.entries().first)
            #expect(entry.state == .converted && entry.candidateNumber == "10442")
        }
    }

    @Test func aNamedEntryOnlyChoosesAPassword() async throws {
        let server = try Server()
        let upload = RosterUpload(
            fileName: "roster.csv", format: .csv, header: ["Candidate Number", "Given Name", "Family Name", "Password"],
            rows: [.init(number: 2, cells: ["10442", "Maria", "Garcia", "TEMP-7kq2-XR4P"])])
        let report = try server.admissions.importRoster(into: server.session, upload)
        #expect(report.counts.new == 1)
        try await server.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/")
            let signedIn = try await browser.post(
                "/signin", [("institution", "GB042"), ("username", "maria.garcia"), ("password", "TEMP-7kq2-XR4P")])
            #expect(signedIn.status == .seeOther && signedIn.location == "/register")
            let form = try await browser.get("/register")
            #expect(form.text.contains("Choose your password"))
            #expect(form.text.contains(#"<strong class="mono">maria.garcia</strong>"#))
            #expect(form.input("givenName") == nil && form.input("familyName") == nil)
            #expect(form.input("newPassword") != nil && form.input("confirmPassword") != nil)

            let chosen = try await browser.post("/register", [("newPassword", Self.newPassword), ("confirmPassword", Self.newPassword)])
            #expect(chosen.location == "/done")
            #expect(try await browser.get("/done").personalUsername?.text == "maria.garcia")

            _ = try await browser.get("/")
            let temporary = try await browser.post(
                "/signin", [("institution", "GB042"), ("username", "maria.garcia"), ("password", "TEMP-7kq2-XR4P")])
            #expect(temporary.status == .unauthorized)
            let own = try await browser.post("/signin", [("institution", "GB042"), ("username", "maria.garcia"), ("password", Self.newPassword)])
            #expect(own.location == "/welcome")
        }
    }

    @Test func registrationWithoutASignInStartsAgainFromTheSlip() async throws {
        let server = try Server()
        try await server.run { client in
            var browser = Browser(client)
            let page = try await browser.get("/register")
            #expect(page.status == .unauthorized)
            #expect(page.errorSummary == "Your sign-in timed out; sign in again with your slip.")
            #expect(page.text.contains(#"action="/signin""#))
            let post = try await browser.post(
                "/register",
                [
                    ("givenName", "Maria"), ("familyName", "Garcia"),
                    ("newPassword", Self.newPassword), ("confirmPassword", Self.newPassword),
                ])
            #expect(post.status == .unauthorized)
            #expect(try await browser.get("/done").location == "/")
            #expect(try await browser.get("/welcome").location == "/")
        }
    }

    @Test func spanishFromTheBrowsersLanguage() async throws {
        let server = try Server()
        let slip = try server.slips(1)[0]
        try await server.run { client in
            var browser = Browser(client)
            browser.extraHeaders[.acceptLanguage] = "es-ES,es;q=0.9"
            let page = try await browser.get("/")
            #expect(page.text.contains(#"<html lang="es">"#))
            #expect(page.text.contains("Inicia sesión en tu examen"))
            #expect(page.text.contains(#"<label for="password">Contraseña</label>"#))
            // The switch offers English.
            #expect(page.text.contains(#"href="/?lang=en""#))

            let refused = try await browser.post("/signin", Self.signInFields(slip, password: "WRONGPASS9"))
            #expect(refused.status == .unauthorized)
            #expect(refused.errorSummary == "ID de institución, usuario o contraseña incorrectos.")
            #expect(refused.text.contains("Hay un problema"))

            _ = try await browser.post("/signin", Self.signInFields(slip))
            let form = try await browser.get("/register")
            #expect(form.text.contains("Tus datos y una contraseña nueva"))
            let differ = try await browser.post(
                "/register",
                [
                    ("givenName", "Maria"), ("familyName", "Garcia"), ("newPassword", Self.newPassword), ("confirmPassword", "otra-cosa-99"),
                ])
            #expect(differ.text.contains("Las dos contraseñas nuevas no coinciden; escribe la misma contraseña dos veces."))
            let missing = try await browser.post(
                "/register",
                [
                    ("givenName", "Maria"), ("familyName", ""), ("newPassword", Self.newPassword), ("confirmPassword", Self.newPassword),
                ])
            #expect(missing.text.contains(#"id="familyName-error">Faltan los apellidos.</p>"#))
        }
    }

    @Test func spanishChosenWithTheLanguageSwitchIsRemembered() async throws {
        let server = try Server()
        try await server.run { client in
            var browser = Browser(client)
            browser.extraHeaders[.acceptLanguage] = "en-GB,en;q=0.9"
            #expect(try await browser.get("/").text.contains(#"<html lang="en">"#))
            let chosen = try await browser.get("/?lang=es")
            #expect(chosen.text.contains(#"<html lang="es">"#) && chosen.text.contains("Iniciar sesión"))
            // Remembered for the browser's next pages, whatever its header says.
            let next = try await browser.get("/")
            #expect(next.text.contains(#"<html lang="es">"#))
            let refused = try await browser.post("/signin", [("institution", "GB042"), ("username", "NOBODY99"), ("password", "x")])
            #expect(refused.errorSummary == "ID de institución, usuario o contraseña incorrectos.")
            // An unsupported choice changes nothing.
            #expect(try await browser.get("/?lang=xx").text.contains(#"<html lang="es">"#))
            #expect(try await browser.get("/?lang=en").text.contains("Sign in to your exam"))
        }
    }
}
