import AdmitCore
import AdmitServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The coordinator's and invigilator's pages under /staff.
@Suite struct StaffPageTests {
    @Test func staffSignInAndSignOut() async throws {
        let server = try Server()
        try await server.run { client in
            var browser = Browser(client)
            let form = try await browser.get("/staff")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"<form method="post" action="/staff/signin""#))
            #expect(form.headers[.cacheControl] == "no-store")
            let before = browser.cookie

            let signedIn = try await browser.post("/staff/signin", [("username", Server.coordinator), ("password", Server.staffPassword)])
            #expect(signedIn.status == .seeOther && signedIn.location == "/staff/sessions")
            #expect(browser.cookie != nil && browser.cookie != before)
            let sessions = try await browser.get("/staff/sessions")
            #expect(sessions.status == .ok)
            #expect(sessions.text.contains("carol (coordinator)"))
            // The sign-in page of a signed-in member leads to the sessions.
            #expect(try await browser.get("/staff").location == "/staff/sessions")

            let signedOut = try await browser.post("/staff/signout")
            #expect(signedOut.status == .seeOther && signedOut.location == "/staff")
            #expect(try await browser.get("/staff/sessions").location == "/staff")
            #expect(try await browser.get("/staff").status == .ok)
        }
    }

    @Test func aSignedOutCookieOpensNothing() async throws {
        let server = try Server()
        try await server.run { client in
            var browser = Browser(client)
            try await browser.staffSignIn(Server.coordinator)
            let cookie = try #require(browser.cookie)
            #expect(try await browser.get("/staff/sessions").status == .ok)
            _ = try await browser.post("/staff/signout")

            var copy = Browser(client)
            copy.cookie = cookie
            let page = try await copy.get("/staff/sessions")
            #expect(page.status == .seeOther && page.location == "/staff")
        }
    }

    @Test func wrongUnknownAndDisabledStaffGetOneAnswer() async throws {
        let server = try Server()
        try server.admissions.disableStaff(Server.invigilator)
        try await server.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/staff")
            let wrong = try await browser.post("/staff/signin", [("username", Server.coordinator), ("password", "Not-The-Password-1")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.errorSummary == "Invalid username or password.")
            #expect(wrong.input("password")?.contains(#"aria-invalid="true""#) == true)
            #expect(wrong.input("username")?.contains(#"value="carol""#) == true)
            #expect(!wrong.text.contains("Not-The-Password-1"))

            let unknown = try await browser.post("/staff/signin", [("username", "nobody"), ("password", "Not-The-Password-1")])
            let disabled = try await browser.post("/staff/signin", [("username", Server.invigilator), ("password", Server.staffPassword)])
            #expect(unknown.status == .unauthorized && disabled.status == .unauthorized)
            #expect(unknown.errorSummary == wrong.errorSummary && disabled.errorSummary == wrong.errorSummary)
            #expect(try await browser.get("/staff/sessions").location == "/staff")
        }
    }

    @Test func aMemberDisabledWhileSignedInIsSentToTheSignInPage() async throws {
        let server = try Server()
        try await server.run { client in
            var browser = Browser(client)
            try await browser.staffSignIn(Server.coordinator)
            #expect(try await browser.get("/staff/sessions").status == .ok)
            try server.admissions.disableStaff(Server.coordinator)
            #expect(try await browser.get("/staff/sessions").location == "/staff")
        }
    }

    @Test func everyStaffPageNeedsASignIn() async throws {
        let server = try Server()
        let id = Server.id(server.session)
        try await server.run { client in
            var browser = Browser(client)
            for path in ["/staff/sessions", "/staff/sessions?q=june", "/staff/sessions/new", "/staff/sessions/\(id)", "/staff/sessions/\(id)/report"]
            {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther && page.location == "/staff", "\(path)")
            }
            _ = try await browser.get("/staff")
            for path in ["/staff/sessions", "/staff/sessions/\(id)/batches", "/staff/sessions/\(id)/entries", "/staff/sessions/\(id)/withdraw"] {
                let page = try await browser.post(
                    path, [("count", "5"), ("name", "Sneaky"), ("action", "download"), ("scope", "all"), ("confirm", "yes")])
                #expect(page.status == .seeOther && page.location == "/staff", "\(path)")
            }
            #expect(try server.entries().isEmpty)
            #expect(try server.admissions.sessions().count == 2)
        }
    }

    @Test func coordinatorsSeeTheirInstitutionsSessionsAndAdminsSeeAll() async throws {
        let server = try Server()
        _ = try server.admissions.createSession(institution: "GB042", name: "June Physics")
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            let mine = try await carol.get("/staff/sessions")
            #expect(mine.text.contains(">June Maths</a>") && mine.text.contains(">June Physics</a>"))
            #expect(!mine.text.contains("Autumn Chemistry"))
            #expect(mine.text.contains(#"href="/staff/sessions/new""#))

            let search = try await carol.get("/staff/sessions?q=physics")
            #expect(search.text.contains(">June Physics</a>") && !search.text.contains(">June Maths</a>"))
            #expect(search.input("q")?.contains(#"value="physics""#) == true)
            // Another institution's session is not found by a search either.
            let elsewhere = try await carol.get("/staff/sessions?q=chemistry")
            #expect(elsewhere.text.contains("No sessions match “chemistry”."))

            var admin = Browser(client)
            try await admin.staffSignIn(Server.admin)
            let all = try await admin.get("/staff/sessions")
            #expect(all.text.contains(">June Maths</a>") && all.text.contains(">Autumn Chemistry</a>") && all.text.contains(">June Physics</a>"))

            var ivan = Browser(client)
            try await ivan.staffSignIn(Server.invigilator)
            let invigilated = try await ivan.get("/staff/sessions")
            #expect(invigilated.text.contains(">June Maths</a>") && !invigilated.text.contains("Autumn Chemistry"))
            #expect(!invigilated.text.contains(#"href="/staff/sessions/new""#))
        }
    }

    @Test func coordinatorsCreateSessionsAndInvigilatorsCannot() async throws {
        let server = try Server()
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            let form = try await carol.get("/staff/sessions/new")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"<option value="GB042""#) && !form.text.contains(#"<option value="US007""#))

            // A coordinator's session is always their institution's, whatever the form says.
            let created = try await carol.post(
                "/staff/sessions",
                [
                    ("institution", "US007"), ("name", "July Biology"), ("startsOn", "2026-07-01"), ("endsOn", "2026-07-02"),
                    ("requireEmail", "on"),
                ])
            #expect(created.status == .seeOther)
            let session = try #require(try server.admissions.sessions(search: "July Biology").first)
            #expect(created.location == "/staff/sessions/\(Server.id(session))")
            #expect(session.institutionCode == "GB042" && session.requiredDetails == [.email])
            let page = try await carol.get(created.location!)
            #expect(page.flash == "Created the session July Biology.")
            #expect(try server.admissions.auditEvents(session: session).contains { $0.action == .sessionCreated && $0.actor == "staff:carol" })

            let noName = try await carol.post("/staff/sessions", [("name", ""), ("startsOn", ""), ("endsOn", "")])
            #expect(noName.status == .badRequest)
            #expect(noName.errorSummary != nil)
            let badDate = try await carol.post("/staff/sessions", [("name", "Bad Dates"), ("startsOn", "2026-02-30")])
            #expect(badDate.status == .badRequest)
            #expect(badDate.input("name")?.contains(#"value="Bad Dates""#) == true)
            #expect(try server.admissions.sessions().count == 3)

            var ivan = Browser(client)
            try await ivan.staffSignIn(Server.invigilator)
            let refusedForm = try await ivan.get("/staff/sessions/new")
            #expect(refusedForm.status == .forbidden)
            #expect(refusedForm.text.contains("Your role (invigilator of GB042) may not create sessions."))
            let refused = try await ivan.post("/staff/sessions", [("name", "Sneaky Session")])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("may not create sessions"))
            #expect(try server.admissions.sessions().count == 3)

            var admin = Browser(client)
            try await admin.staffSignIn(Server.admin)
            let other = try await admin.post("/staff/sessions", [("institution", "US007"), ("name", "Admin Made")])
            #expect(other.status == .seeOther)
            #expect(try server.admissions.session("Admin Made").institutionCode == "US007")
        }
    }

    @Test func anotherInstitutionsSessionIsNotFound() async throws {
        let server = try Server()
        let other = Server.id(server.otherSession)
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            #expect(try await carol.get("/staff/sessions/\(Server.id(server.session))").status == .ok)
            for path in [
                "/staff/sessions/\(other)", "/staff/sessions/\(other)/report", "/staff/sessions/not-a-uuid",
                "/staff/sessions/\(UUID().uuidString.lowercased())",
            ] {
                let page = try await carol.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(!page.text.contains("Autumn Chemistry"), "\(path)")
            }
            let add = try await carol.post("/staff/sessions/\(other)/batches", [("count", "5")])
            #expect(add.status == .notFound)
            let download = try await carol.post("/staff/sessions/\(other)/entries", [("action", "download"), ("scope", "all")])
            #expect(download.status == .notFound)
            #expect(try server.entries(server.otherSession).isEmpty)

            var admin = Browser(client)
            try await admin.staffSignIn(Server.admin)
            #expect(try await admin.get("/staff/sessions/\(other)").status == .ok)
        }
    }

    @Test func addingEntriesShowsAFlashAndRefusesBadCounts() async throws {
        let server = try Server()
        let id = Server.id(server.session)
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            let empty = try await carol.get("/staff/sessions/\(id)")
            #expect(empty.text.contains("No entries yet."))
            #expect(empty.text.contains(#"action="/staff/sessions/\#(id)/batches""#))

            let added = try await carol.post("/staff/sessions/\(id)/batches", [("count", "20")])
            let batch = try #require(server.entries().first?.batch).lowercased
            #expect(added.status == .seeOther && added.location == "/staff/sessions/\(id)?batch=\(batch)")
            // The new batch is selected and offered for download at once ("Download Logins" after "Create Codes").
            let page = try await carol.get(try #require(added.location))
            #expect(page.flash == "Added 20 entries. They are selected: download their slips to print.")
            #expect(page.text.contains("Entries (20)"))
            #expect(page.text.components(separatedBy: #"name="entries[]""#).count - 1 == 20)
            #expect(page.text.components(separatedBy: " checked>").count - 1 == 20)
            #expect(page.text.contains("Download these logins") && page.text.contains(#"name="batch" value="\#(batch)""#))
            let slips = try await carol.post(
                "/staff/sessions/\(id)/entries", [("action", "download"), ("scope", "batch"), ("batch", batch), ("file", "slips.xlsx")])
            #expect(slips.status == .ok && slips.headers[.contentDisposition]?.hasSuffix("-slips.xlsx\"") == true)
            #expect(slips.headers[HTTPField.Name("X-Admit-Entries")!] == "20")
            #expect(try server.entries().count == 20)
            #expect(try server.admissions.auditEvents(session: server.session).contains { $0.action == .batchCreated && $0.actor == "staff:carol" })
            // The flash is shown once.
            #expect(try await carol.get("/staff/sessions/\(id)").flash == nil)

            for (count, sentence) in [("0", "1 to 500"), ("501", "1 to 500"), ("abc", "abc"), ("", "whole number")] {
                let refused = try await carol.post("/staff/sessions/\(id)/batches", [("count", count)])
                #expect(refused.status == .badRequest, "\(count)")
                let summary = try #require(refused.errorSummary, "\(count)")
                #expect(summary.contains(sentence), "\(count): \(summary)")
                // One clear sentence.
                #expect(summary.hasSuffix(".") && summary.dropLast().split(separator: ".").count == 1, "\(count): \(summary)")
                #expect(refused.input("count")?.contains(#"aria-invalid="true""#) == true)
                #expect(refused.flash == nil)
            }
            #expect(try server.entries().count == 20)

            var ivan = Browser(client)
            try await ivan.staffSignIn(Server.invigilator)
            let view = try await ivan.get("/staff/sessions/\(id)")
            #expect(view.status == .ok && view.text.contains("Entries (20)"))
            #expect(!view.text.contains("/batches"))
            #expect(!view.text.contains(#"value="withdraw""#))
            let refused = try await ivan.post("/staff/sessions/\(id)/batches", [("count", "20")])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("Your role (invigilator of GB042) may not change this session."))
            #expect(try server.entries().count == 20)
        }
    }

    @Test func downloadsOfEveryFileTheListOffersAreAudited() async throws {
        let server = try Server()
        let id = Server.id(server.session)
        _ = try server.slips(5)
        let chosen = try server.entries().prefix(2).map { $0.guid.uuidString.lowercased() }
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            let page = try await carol.get("/staff/sessions/\(id)")
            // One list of the files that exist: nothing on the page can ask for slips as a CSV.
            #expect(page.options("file") == ["Slips to cut out (Excel)", "Roster table (Excel)", "Roster and slips (Excel)", "Roster (CSV)"])
            #expect(page.chosen("file") == "slips.xlsx")
            #expect(page.select("layout") == nil && page.select("format") == nil)
            for file in ["slips.xlsx", "roster.xlsx", "roster-slips.xlsx"] {
                let answer = try await carol.post("/staff/sessions/\(id)/entries", [("action", "download"), ("scope", "all"), ("file", file)])
                #expect(answer.status == .ok, "\(file)")
                #expect(answer.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                #expect(answer.headers[.contentDisposition] == "attachment; filename=\"JuneMaths-\(file)\"")
                #expect(answer.headers[.cacheControl] == "no-store")
                #expect(Array(answer.bytes.prefix(2)) == Array("PK".utf8), "\(file)")
                #expect(answer.headers[HTTPField.Name("X-Admit-Entries")!] == "5")
            }
            let csv = try await carol.post(
                "/staff/sessions/\(id)/entries",
                [
                    ("action", "download"), ("scope", "selected"), ("entries[]", chosen[0]), ("entries[]", chosen[1]),
                    ("file", "roster.csv"),
                ])
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"JuneMaths-roster.csv\"")
            let lines = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            // A byte-order mark first, so that Excel reads the names as UTF-8.
            #expect(lines.first == "\u{FEFF}#,Username,Password,Candidate,Institution ID,State,Session")
            #expect(lines.count == 3)
            #expect(lines.dropFirst().allSatisfy { $0.contains(",GB042,issued,June Maths") })

            // A form made by hand may say format and layout as the API does.
            let byHand = try await carol.post(
                "/staff/sessions/\(id)/entries",
                [("action", "download"), ("scope", "all"), ("layout", "both"), ("format", "xlsx")])
            #expect(byHand.status == .ok && byHand.headers[.contentDisposition] == "attachment; filename=\"JuneMaths-roster-slips.xlsx\"")

            // Nothing selected: the page again, with the file still chosen.
            let nothing = try await carol.post(
                "/staff/sessions/\(id)/entries", [("action", "download"), ("scope", "selected"), ("file", "roster.csv")])
            #expect(nothing.status == .badRequest)
            #expect(nothing.errorSummary == "Select entries to download, or choose “Whole session”.")
            #expect(nothing.chosen("file") == "roster.csv")
            let noAction = try await carol.post("/staff/sessions/\(id)/entries", [("scope", "all")])
            #expect(noAction.status == .badRequest)

            var ivan = Browser(client)
            try await ivan.staffSignIn(Server.invigilator)
            _ = try await ivan.get("/staff/sessions/\(id)")
            let printed = try await ivan.post("/staff/sessions/\(id)/entries", [("action", "download"), ("scope", "all"), ("file", "slips.xlsx")])
            #expect(printed.status == .ok && Array(printed.bytes.prefix(2)) == Array("PK".utf8))

            let exports = try server.admissions.auditEvents(session: server.session).filter { $0.action == .entriesExported }
            #expect(exports.filter { $0.actor == "staff:carol" }.count == 5)
            #expect(exports.filter { $0.actor == "staff:ivan" }.count == 1)
            #expect(exports.contains { $0.actor == "staff:carol" && $0.detail.count == 2 })
        }
    }

    @Test func aFileTheListDoesNotOfferComesBackAsThePageWithTheSentenceBesideTheList() async throws {
        let server = try Server()
        let id = Server.id(server.session)
        _ = try server.slips(3)
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            _ = try await carol.get("/staff/sessions/\(id)")
            // What curl or an old page might send.
            let refusals: [([(String, String)], String)] = [
                ([("format", "csv"), ("layout", "slips")], "A CSV holds the roster only; for slips choose one of the Excel files."),
                ([("format", "csv"), ("layout", "both")], "A CSV holds the roster only; for slips choose one of the Excel files."),
                (
                    [("format", "pdf"), ("layout", "roster")],
                    "That format and layout are not one of the files to download; choose one from the list."
                ),
                ([("file", "slips.csv")], "“slips.csv” is not one of the files to download; choose one from the list."),
            ]
            for (fields, sentence) in refusals {
                let page = try await carol.post("/staff/sessions/\(id)/entries", [("action", "download"), ("scope", "all")] + fields)
                #expect(page.status == .badRequest, "\(fields)")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                // The session's page, not a dead end: its entries, its list and its button are there to choose again.
                #expect(page.text.contains("<h1>June Maths</h1>") && page.text.contains("Entries (3)"), "\(fields)")
                #expect(page.errorSummary == sentence, "\(fields)")
                #expect(page.text.contains(##"<a href="#file">"##), "the summary leads to the list")
                #expect(page.text.contains(#"<p class="field-error" id="file-error">\#(sentence)</p>"#), "\(fields)")
                let list = try #require(page.select("file"))
                #expect(list.contains(#"aria-invalid="true""#) && list.contains(#"aria-describedby="file-error""#))
                #expect(page.text.contains(#"<div class="field has-error"><label for="file">"#))
                // Only the list is marked, not the count of the form above it.
                #expect(page.input("count")?.contains("aria-invalid") == false)
                #expect(page.options("file").count == 4)
            }
            #expect(try server.admissions.auditEvents(session: server.session).filter { $0.action == .entriesExported }.isEmpty)
        }
    }

    @Test func withdrawingAsksFirstThenWithdraws() async throws {
        let server = try Server()
        let id = Server.id(server.session)
        let slips = try server.slips(3)
        let chosen = slips.prefix(2).map { $0.entryID.uuidString.lowercased() }
        try await server.run { client in
            var ivan = Browser(client)
            try await ivan.staffSignIn(Server.invigilator)
            _ = try await ivan.get("/staff/sessions/\(id)")
            let askedByInvigilator = try await ivan.post("/staff/sessions/\(id)/entries", [("action", "withdraw"), ("entries[]", chosen[0])])
            #expect(askedByInvigilator.status == .forbidden)
            #expect(askedByInvigilator.text.contains("Your role (invigilator of GB042) may not change this session."))
            let withdrawnByInvigilator = try await ivan.post("/staff/sessions/\(id)/withdraw", [("entries[]", chosen[0]), ("confirm", "yes")])
            #expect(withdrawnByInvigilator.status == .forbidden)
            #expect(withdrawnByInvigilator.text.contains("may not change this session"))
            #expect(try server.entries().allSatisfy { $0.state == .issued })

            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            _ = try await carol.get("/staff/sessions/\(id)")
            let confirm = try await carol.post(
                "/staff/sessions/\(id)/entries",
                [("action", "withdraw"), ("entries[]", chosen[0]), ("entries[]", chosen[1])])
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("Withdraw 2 entries?"))
            #expect(confirm.text.contains(slips[0].username) && confirm.text.contains(slips[1].username))
            #expect(!confirm.text.contains(slips[2].username))
            #expect(confirm.text.contains(#"action="/staff/sessions/\#(id)/withdraw""#))
            #expect(try server.entries().allSatisfy { $0.state == .issued })

            let none = try await carol.post("/staff/sessions/\(id)/entries", [("action", "withdraw")])
            #expect(none.status == .badRequest)
            #expect(none.errorSummary == "Select the entries to withdraw.")

            // Cancel (no confirm) changes nothing.
            let cancelled = try await carol.post("/staff/sessions/\(id)/withdraw", [("entries[]", chosen[0])])
            #expect(cancelled.location == "/staff/sessions/\(id)")
            #expect(try server.entries().allSatisfy { $0.state == .issued })

            let done = try await carol.post(
                "/staff/sessions/\(id)/withdraw", [("entries[]", chosen[0]), ("entries[]", chosen[1]), ("confirm", "yes")])
            #expect(done.status == .seeOther && done.location == "/staff/sessions/\(id)")
            #expect(try server.entries().map(\.state) == [.withdrawn, .withdrawn, .issued])
            #expect(try await carol.get("/staff/sessions/\(id)").flash == "Withdrew 2 entries; they can no longer sign in.")
            #expect(
                try server.admissions.auditEvents(session: server.session).contains { $0.action == .entriesWithdrawn && $0.actor == "staff:carol" })

            let bad = try await carol.post("/staff/sessions/\(id)/withdraw", [("entries[]", "not-a-guid"), ("confirm", "yes")])
            #expect(bad.status == .badRequest)
        }
    }

    @Test func theReportIsForCoordinatorsAndInvigilatorsOfTheInstitution() async throws {
        let server = try Server()
        let id = Server.id(server.session)
        let slips = try server.slips(3)
        try server.admissions.register(
            institution: "GB042", username: slips[0].username, password: slips[0].password!,
            details: CandidateDetails(givenName: "Maria", familyName: "Garcia"), newPassword: CandidateTests.newPassword)
        try await server.run { client in
            for member in [Server.coordinator, Server.invigilator, Server.admin] {
                var browser = Browser(client)
                try await browser.staffSignIn(member)
                let report = try await browser.get("/staff/sessions/\(id)/report")
                #expect(report.status == .ok, "\(member)")
                #expect(report.text.contains("Login report: June Maths"))
                #expect(report.text.contains("<li><strong>2</strong> issued</li>") && report.text.contains("<li><strong>1</strong> converted</li>"))
                #expect(report.text.contains("maria.garcia"))
                #expect(report.headers[.cacheControl] == "no-store")
            }
            var uma = Browser(client)
            try await uma.staffSignIn(Server.otherCoordinator)
            #expect(try await uma.get("/staff/sessions/\(id)/report").status == .notFound)
        }
    }
}
