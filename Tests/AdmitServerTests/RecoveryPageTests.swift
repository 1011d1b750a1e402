import AdmitCore
import AdmitServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Mending logins from the staff pages on exam day: unlock, reset, edit the session, find a candidate, the
/// live report, and an admin's staff pages.
@Suite struct RecoveryPageTests {
    static let newPassword = "Tr0ub4dor&3horse"

    /// Five wrong passwords from a candidate's browser: the entry is locked.
    static func lock(_ slip: CredentialRow, _ client: any TestClientProtocol) async throws {
        var candidate = Browser(client)
        _ = try await candidate.get("/")
        for _ in 0..<5 { _ = try await candidate.post("/signin", CandidateTests.signInFields(slip, password: "wrong-password")) }
    }

    static func signIn(_ slip: CredentialRow, password: String? = nil, _ client: any TestClientProtocol) async throws -> Page {
        var candidate = Browser(client)
        _ = try await candidate.get("/")
        return try await candidate.post("/signin", CandidateTests.signInFields(slip, password: password))
    }

    @Test func aCoordinatorUnlocksALockedCandidateAndTheRightPasswordWorksAtOnce() async throws {
        let server = try Server()
        let slip = try server.slips(2)[0]
        let id = Server.id(server.session)
        try await server.run { client in
            try await Self.lock(slip, client)
            #expect(try await Self.signIn(slip, client).status == .unauthorized)
            let entry = try #require(server.entries().first { $0.username == slip.username })
            #expect(entry.lockedUntil != nil)

            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            let page = try await carol.get("/staff/sessions/\(id)")
            #expect(page.text.contains(#"value="unlock""#) && page.text.contains("Locked until"))
            let unlocked = try await carol.post("/staff/sessions/\(id)/entries", [("action", "unlock"), ("entries[]", entry.guid.lowercased)])
            #expect(unlocked.status == .seeOther)
            #expect(try await carol.get("/staff/sessions/\(id)").flash == "Unlocked 1 entry; they can sign in again at once.")
            #expect(try await Self.signIn(slip, client).location == "/register")
            #expect(
                try server.admissions.auditEvents(session: server.session).contains { $0.action == .entriesUnlocked && $0.actor == "staff:carol" })

            // Nothing ticked: the page says so.
            let none = try await carol.post("/staff/sessions/\(id)/entries", [("action", "unlock")])
            #expect(none.status == .badRequest && none.errorSummary == "Select the entries to unlock.")
        }
    }

    @Test func anInvigilatorMayNeitherUnlockNorReset() async throws {
        let server = try Server()
        let slip = try server.slips(1)[0]
        let id = Server.id(server.session)
        try await server.run { client in
            try await Self.lock(slip, client)
            let entry = try #require(server.entries().first).guid.lowercased
            var ivan = Browser(client)
            try await ivan.staffSignIn(Server.invigilator)
            let page = try await ivan.get("/staff/sessions/\(id)")
            #expect(!page.text.contains(#"value="unlock""#) && !page.text.contains(#"value="reset""#))
            for action in ["unlock", "reset"] {
                let refused = try await ivan.post("/staff/sessions/\(id)/entries", [("action", action), ("entries[]", entry)])
                #expect(refused.status == .forbidden, "\(action)")
            }
            let reset = try await ivan.post("/staff/sessions/\(id)/reset", [("confirm", "yes"), ("entries[]", entry)])
            #expect(reset.status == .forbidden)
            #expect(try server.entries().first?.lockedUntil != nil)
        }
    }

    @Test func aResetAsksFirstThenDownloadsTheNewSlipsAndTheOldPasswordStops() async throws {
        let server = try Server()
        let slips = try server.slips(3)
        let id = Server.id(server.session)
        // The first candidate registered: a personal username and a password of their own.
        let registered = try server.admissions.register(
            institution: slips[0].institutionCode, username: slips[0].username, password: slips[0].password!,
            details: CandidateDetails(givenName: "Ana", familyName: "Núñez"), newPassword: Self.newPassword)
        let entries = try server.entries()
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            let asked = try await carol.post(
                "/staff/sessions/\(id)/entries",
                [("action", "reset"), ("entries[]", entries[0].guid.lowercased), ("entries[]", entries[1].guid.lowercased)])
            #expect(asked.status == .ok)
            #expect(asked.text.contains("Reset the passwords of 2 entries?") && asked.text.contains("keeps the personal username"))
            #expect(asked.chosen("file") == "slips.xlsx")
            // Asking changed nothing.
            #expect(try await Self.signIn(slips[1], client).location == "/register")

            let file = try await carol.post(
                "/staff/sessions/\(id)/reset",
                [("confirm", "yes"), ("file", "roster.csv"), ("entries[]", entries[0].guid.lowercased), ("entries[]", entries[1].guid.lowercased)])
            #expect(file.status == .ok && file.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(file.headers[.contentDisposition]?.hasPrefix("attachment;") == true && file.headers[.cacheControl] == "no-store")
            #expect(file.headers[HTTPField.Name("X-Admit-Entries")!] == "2")
            let rows = file.text.split(whereSeparator: \.isNewline).map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
            let header = try #require(rows.first)
            let username = try #require(header.firstIndex(of: "Username"))
            let password = try #require(header.firstIndex(of: "Password"))
            let byName = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[username], $0[password]) })
            let temporary = try #require(byName[registered.personalUsername])
            #expect(temporary != Self.newPassword && byName[slips[1].username] != slips[1].password)

            // The old passwords stop at once; the personal username with the temporary password only chooses a new one.
            let personal = CredentialRow(
                number: 1, entryID: entries[0].guid, username: registered.personalUsername, password: Self.newPassword,
                institutionCode: slips[0].institutionCode, state: .converted, sessionName: slips[0].sessionName)
            #expect(try await Self.signIn(personal, client).status == .unauthorized)
            #expect(try await Self.signIn(slips[1], client).status == .unauthorized)
            #expect(try await Self.signIn(personal, password: temporary, client).location == "/register")
            #expect(try server.admissions.auditEvents(session: server.session).contains { $0.action == .entriesReset && $0.actor == "staff:carol" })
        }
    }

    @Test func aWithdrawnEntryIsNotResetAndNothingChanges() async throws {
        let server = try Server()
        let slips = try server.slips(2)
        let id = Server.id(server.session)
        let entries = try server.entries()
        try server.admissions.withdraw(session: server.session, entries: [entries[1].guid])
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            let refused = try await carol.post(
                "/staff/sessions/\(id)/reset",
                [("confirm", "yes"), ("entries[]", entries[0].guid.lowercased), ("entries[]", entries[1].guid.lowercased)])
            #expect(refused.status == .badRequest)
            #expect(refused.errorSummary?.contains("is withdrawn and cannot be reset; nothing was changed") == true)
            #expect(try await Self.signIn(slips[0], client).location == "/register")
        }
    }

    @Test func editingTheSessionMovesItsEndAndAnExpiredLoginWorksAgain() async throws {
        let server = try Server()
        let ended = try server.admissions.createSession(
            institution: "GB042", name: "Delayed Physics", startsAt: Date().addingTimeInterval(-7200), endsAt: Date().addingTimeInterval(3600))
        let slip = try server.slips(1, to: ended)[0]
        // The exam was delayed after the session ended: its login expired.
        try server.admissions.updateSession(ended, SessionChanges(endsAt: Date().addingTimeInterval(-60), force: true))
        let id = Server.id(ended)
        try await server.run { client in
            #expect(try await Self.signIn(slip, client).status == .unauthorized)
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            let form = try await carol.get("/staff/sessions/\(id)/edit")
            #expect(form.status == .ok && form.input("name")?.contains(#"value="Delayed Physics""#) == true)
            #expect(form.input("endsTime") != nil && form.input("usernameTemplate")?.contains("{given}.{family}") == true)

            let tomorrow = Calendar(identifier: .gregorian).date(byAdding: .day, value: 1, to: Date())!
            let day = tomorrow.formatted(.iso8601.year().month().day())
            let saved = try await carol.post(
                "/staff/sessions/\(id)",
                [
                    ("name", "Delayed Physics"), ("startsOn", ""), ("endsOn", day), ("endsTime", "12:30"),
                    ("signInURL", "https://exams.example.org/"),
                    ("usernameTemplate", "{g}{family}"),
                ])
            #expect(saved.status == .seeOther)
            #expect(try await carol.get("/staff/sessions/\(id)").flash == "Saved the session Delayed Physics. 1 unused login follows the new end.")
            let updated = try server.admissions.session("Delayed Physics")
            #expect(updated.signInURL == "https://exams.example.org/" && updated.usernameTemplate.description == "{g}{family}")
            #expect(updated.endsAt == (try SessionDate.parse("\(day)T12:30", as: .end)))
            #expect(try await Self.signIn(slip, client).location == "/register")
        }
    }

    @Test func editingRefusesADuplicateNameAnEndBeforeTheStartAndAPastEndWithoutForce() async throws {
        let server = try Server()
        _ = try server.slips(1)
        let id = Server.id(server.session)
        try server.admissions.createSession(institution: "GB042", name: "July Maths")
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            let duplicate = try await carol.post("/staff/sessions/\(id)", [("name", "July Maths")])
            #expect(duplicate.status == .badRequest && duplicate.text.contains(#"id="name-error""#))
            #expect(duplicate.errorSummary?.contains("already has a session named \"July Maths\"") == true)

            let backwards = try await carol.post(
                "/staff/sessions/\(id)", [("name", "June Maths"), ("startsOn", "2026-06-10"), ("endsOn", "2026-06-01")])
            #expect(backwards.status == .badRequest && backwards.text.contains(#"id="endsOn-error""#))

            let badTime = try await carol.post("/staff/sessions/\(id)", [("name", "June Maths"), ("endsTime", "12:00")])
            #expect(badTime.status == .badRequest && badTime.errorSummary == "Give the day as well as the time.")

            let yesterday = Calendar(identifier: .gregorian).date(byAdding: .day, value: -1, to: Date())!.formatted(.iso8601.year().month().day())
            let past = try await carol.post("/staff/sessions/\(id)", [("name", "June Maths"), ("endsOn", yesterday)])
            #expect(past.status == .badRequest && past.input("force") != nil)
            #expect(past.errorSummary?.contains("1 unused login would stop working at once") == true)
            #expect(try server.admissions.session("June Maths").endsAt == nil)

            let forced = try await carol.post("/staff/sessions/\(id)", [("name", "June Maths"), ("endsOn", yesterday), ("force", "on")])
            #expect(forced.status == .seeOther)
            #expect(try server.admissions.session("June Maths").endsAt != nil)

            var ivan = Browser(client)
            try await ivan.staffSignIn(Server.invigilator)
            #expect(try await ivan.get("/staff/sessions/\(id)/edit").status == .forbidden)
        }
    }

    @Test func aNewSessionTakesTimesOfDayATemplateAndASignInAddress() async throws {
        let server = try Server()
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            let form = try await carol.get("/staff/sessions/new")
            #expect(form.input("startsTime") != nil && form.input("signInURL") != nil && form.input("usernameTemplate") != nil)
            let created = try await carol.post(
                "/staff/sessions",
                [
                    ("institution", "GB042"), ("name", "Morning Maths"), ("startsOn", "2027-06-01"), ("startsTime", "09:00"),
                    ("endsOn", "2027-06-01"),
                    ("endsTime", "11:30"), ("signInURL", "https://exams.example.org/"), ("usernameTemplate", "{given}{candidate}"),
                ])
            #expect(created.status == .seeOther)
            let session = try server.admissions.session("Morning Maths")
            #expect(session.startsAt == (try SessionDate.parse("2027-06-01T09:00", as: .start)))
            #expect(session.endsAt == (try SessionDate.parse("2027-06-01T11:30", as: .end)))
            #expect(session.requiredDetails == [.candidate] && session.signInURL == "https://exams.example.org/")

            let badTemplate = try await carol.post("/staff/sessions", [("institution", "GB042"), ("name", "Odd"), ("usernameTemplate", "{nope}")])
            #expect(badTemplate.status == .badRequest && badTemplate.text.contains(#"id="usernameTemplate-error""#))
            let badAddress = try await carol.post("/staff/sessions", [("institution", "GB042"), ("name", "Odd"), ("signInURL", "ftp://x")])
            #expect(badAddress.status == .badRequest && badAddress.text.contains(#"id="signInURL-error""#))
            #expect(try server.admissions.sessions().count == 3)
        }
    }

    @Test func findListsCandidatesAcrossTheSessionsTheMemberMaySee() async throws {
        let server = try Server()
        for (session, family) in [(server.session, "Núñez"), (server.otherSession, "Nunez")] {
            let slip = try server.slips(1, to: session)[0]
            try server.admissions.register(
                institution: slip.institutionCode, username: slip.username, password: slip.password!,
                details: CandidateDetails(givenName: "Ana", familyName: family), newPassword: Self.newPassword)
        }
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            let found = try await carol.get("/staff/find?q=nunez")
            #expect(found.status == .ok && found.text.contains("1 candidate found."))
            #expect(found.text.contains("June Maths") && !found.text.contains("Autumn Chemistry"))
            #expect(found.text.contains("ana.nunez"))

            var admin = Browser(client)
            try await admin.staffSignIn(Server.admin)
            let everywhere = try await admin.get("/staff/find?q=NUNEZ")
            #expect(everywhere.text.contains("2 candidates found.") && everywhere.text.contains("Autumn Chemistry"))

            let short = try await carol.get("/staff/find?q=a")
            #expect(short.status == .badRequest && short.text.contains(#"id="q-error""#))
            #expect(try await carol.get("/staff/find?q=zzzz").text.contains("Nobody matches"))
        }
    }

    @Test func theReportRefreshesShowsWhoIsNotSignedInOrLockedAndDownloads() async throws {
        let server = try Server()
        let slips = try server.slips(3)
        let id = Server.id(server.session)
        try await server.run { client in
            try await Self.lock(slips[0], client)
            try server.admissions.register(
                institution: slips[1].institutionCode, username: slips[1].username, password: slips[1].password!,
                details: CandidateDetails(givenName: "Ben", familyName: "Ode"), newPassword: Self.newPassword)
            var ivan = Browser(client)
            try await ivan.staffSignIn(Server.invigilator)
            let all = try await ivan.get("/staff/sessions/\(id)/report")
            #expect(all.text.contains(#"data-refresh="15""#) && all.text.contains(#"href="/staff/sessions/\#(id)/report" data-refresh-link"#))
            for slip in slips { #expect(all.text.contains(slip.username)) }

            let waiting = try await ivan.get("/staff/sessions/\(id)/report?only=not-signed-in")
            #expect(waiting.text.contains(slips[2].username) && !waiting.text.contains(slips[1].username))
            #expect(waiting.text.contains(#"<strong aria-current="page">Not signed in yet</strong>"#))
            #expect(waiting.text.contains(#"href="/staff/sessions/\#(id)/report?only=not-signed-in" data-refresh-link"#))
            let locked = try await ivan.get("/staff/sessions/\(id)/report?only=locked")
            #expect(locked.text.contains(slips[0].username) && !locked.text.contains(slips[2].username))
            #expect(try await ivan.get("/staff/sessions/\(id)/report?only=everyone").status == .badRequest)

            let workbook = try await ivan.get("/staff/sessions/\(id)/report.xlsx?only=locked")
            #expect(workbook.status == .ok && workbook.headers[.contentDisposition]?.contains("-report-locked.xlsx") == true)
            #expect(workbook.bytes.starts(with: [0x50, 0x4B]))
            let csv = try await ivan.get("/staff/sessions/\(id)/report.csv")
            #expect(csv.status == .ok && csv.text.contains(slips[2].username))
        }
    }

    @Test func anAdminUnlocksEnablesAndChangesStaffButNotTheLastAdmin() async throws {
        let server = try Server()
        try await server.run { client in
            var mallory = Browser(client)
            for _ in 0..<5 { _ = try await mallory.staffSignIn(Server.invigilator, password: "wrong-password-here") }
            #expect(try server.admissions.staffMember(Server.invigilator).lockedUntil != nil)

            var admin = Browser(client)
            try await admin.staffSignIn(Server.admin)
            let list = try await admin.get("/staff/members")
            #expect(list.status == .ok && list.text.contains(#"<tr class="member-locked"><td><a href="/staff/members/ivan">ivan</a>"#))
            #expect(try await admin.post("/staff/members/ivan", [("action", "unlock")]).status == .seeOther)
            #expect(try await admin.get("/staff/members").flash == "Unlocked ivan: their right password works at once.")
            var ivan = Browser(client)
            #expect(try await ivan.staffSignIn(Server.invigilator).location == "/staff/sessions")

            #expect(try await admin.post("/staff/members/ivan", [("action", "disable")]).status == .seeOther)
            #expect(try server.admissions.staffMember(Server.invigilator).isDisabled)
            #expect(try await admin.post("/staff/members/ivan", [("action", "enable")]).status == .seeOther)
            #expect(try !server.admissions.staffMember(Server.invigilator).isDisabled)

            let differ = try await admin.post(
                "/staff/members/ivan", [("action", "password"), ("newPassword", "Another-Long-Pass-77"), ("confirmPassword", "Another-Long-Pass-78")])
            #expect(differ.status == .badRequest && differ.text.contains(#"id="confirmPassword-error""#))
            #expect(
                try await admin.post(
                    "/staff/members/ivan",
                    [("action", "password"), ("newPassword", "Another-Long-Pass-77"), ("confirmPassword", "Another-Long-Pass-77")]
                ).status == .seeOther)
            // A new password signs out the browser signed in with the old one.
            #expect(try await ivan.get("/staff/sessions").location == "/staff")
            var again = Browser(client)
            #expect(try await again.staffSignIn(Server.invigilator, password: "Another-Long-Pass-77").location == "/staff/sessions")

            #expect(
                try await admin.post("/staff/members/ivan", [("action", "role"), ("role", "coordinator"), ("institution", "GB042")]).status
                    == .seeOther)
            #expect(try server.admissions.staffMember(Server.invigilator).role == .coordinator)
            let noInstitution = try await admin.post("/staff/members/ivan", [("action", "role"), ("role", "coordinator"), ("institution", "")])
            #expect(noInstitution.status == .badRequest && noInstitution.text.contains(#"id="role-error""#))

            let lastAdmin = try await admin.post("/staff/members/admin", [("action", "role"), ("role", "coordinator"), ("institution", "GB042")])
            #expect(lastAdmin.status == .badRequest || lastAdmin.status == .conflict)
            #expect(try server.admissions.staffMember(Server.admin).role == .admin)

            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            #expect(try await carol.get("/staff/members").status == .forbidden)
            #expect(try await carol.post("/staff/members/ivan", [("action", "disable")]).status == .forbidden)
            #expect(!(try await carol.get("/staff/sessions").text.contains(#"href="/staff/members""#)))
        }
    }
}
