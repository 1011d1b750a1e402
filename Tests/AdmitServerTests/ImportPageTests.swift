import AdmitCore
import AdmitServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// Named rosters on the staff pages: upload, check, import, history, the job's files.
@Suite struct ImportPageTests {
    /// Two good rows and one without a family name (row 4).
    static let roster = Array(
        """
        Candidate Number,Given Name,Family Name,Email
        10442,Maria,Garcia,maria@example.org
        10443,José,Núñez,jose@example.org
        10444,Ana,,ana@example.org

        """.replacingOccurrences(of: "\n", with: "\r\n").utf8)

    static func token(_ page: Page) -> String? { Page.firstMatch(#"name="token" value="([^"]+)""#, in: page.text) }

    @Test func aRosterIsCheckedThenImportedAsAJobWithItsFiles() async throws {
        let server = try Server()
        let id = Server.id(server.session)
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            let form = try await carol.get("/staff/sessions/\(id)/import")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"enctype="multipart/form-data""#) && form.input("roster")?.contains(#"type="file""#) == true)
            #expect(form.text.contains("No imports into this session yet."))

            let check = try await carol.upload("/staff/sessions/\(id)/import", file: ("roster", "roster.csv", Self.roster))
            #expect(check.status == .ok)
            #expect(check.text.contains("Check of roster.csv"))
            #expect(check.text.contains("<li><strong>2</strong> new</li>") && check.text.contains("<li><strong>1</strong> with errors</li>"))
            #expect(check.text.contains("Row 4: The family name is missing."))
            // Checking changes nothing.
            #expect(try server.entries().isEmpty && server.admissions.importJobs(session: server.session).isEmpty)

            let token = try #require(Self.token(check))
            let run = try await carol.post("/staff/sessions/\(id)/import/run", [("token", token)])
            #expect(run.status == .seeOther)
            let job = try #require(try server.admissions.importJobs(session: server.session).first)
            #expect(run.location == "/staff/imports/\(job.id.uuidString.lowercased())")
            #expect(job.state == .completedWithErrors && job.createdBy == "staff:carol")
            let entries = try server.entries()
            #expect(entries.map(\.username) == ["maria.garcia", "jose.nunez"] && entries.allSatisfy { $0.kind == .named })

            // The check is used up: a second press imports nothing more.
            let again = try await carol.post("/staff/sessions/\(id)/import/run", [("token", token)])
            #expect(again.status == .conflict)
            let forged = try await carol.post("/staff/sessions/\(id)/import/run", [("token", "0123")])
            #expect(forged.status == .conflict)
            #expect(try server.entries().count == 2)

            let page = try await carol.get(run.location!)
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<dd id="job-state">completed with errors</dd>"#))
            #expect(page.text.contains("Row 4: The family name is missing."))
            let history = try await carol.get("/staff/sessions/\(id)/import")
            #expect(history.text.contains(">roster.csv</td>") && history.text.contains("staff:carol"))

            let completed = try await carol.post("/staff/imports/\(job.id.uuidString.lowercased())/files", [("kind", "completed")])
            #expect(completed.status == .ok)
            #expect(completed.headers[.contentType] == "text/csv; charset=utf-8" && completed.headers[.cacheControl] == "no-store")
            #expect(completed.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(completed.text.contains("maria.garcia") && completed.text.contains("Password"))
            let errors = try await carol.post("/staff/imports/\(job.id.uuidString.lowercased())/files", [("kind", "errors")])
            #expect(errors.status == .ok && errors.text.contains("Error") && errors.text.contains("family name"))
            let unknown = try await carol.post("/staff/imports/\(job.id.uuidString.lowercased())/files", [("kind", "secrets")])
            #expect(unknown.status == .badRequest)
            let audited = try server.admissions.auditEvents(session: server.session).filter { $0.action == .importFilesWritten }
            #expect(audited.count == 2 && audited.allSatisfy { $0.actor == "staff:carol" })
        }
    }

    @Test func badUploadsAreRefusedOnTheFormAndRecordNothing() async throws {
        let server = try Server()
        let id = Server.id(server.session)
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            _ = try await carol.get("/staff/sessions/\(id)/import")

            let none = try await carol.upload("/staff/sessions/\(id)/import", file: nil)
            #expect(none.status == .badRequest)
            #expect(none.input("roster")?.contains(#"aria-invalid="true""#) == true)
            #expect(none.text.contains(#"id="roster-error">Choose a roster file (CSV or XLSX) to upload, or paste its rows.</p>"#))

            // Headings Admit does not know lead to the mapping step, not a refusal.
            let columns = try await carol.upload("/staff/sessions/\(id)/import", file: ("roster", "other.csv", Array("Foo,Bar\r\n1,2\r\n".utf8)))
            #expect(columns.status == .ok && columns.text.contains("Choose the columns of other.csv"))

            let forged = try await carol.upload("/staff/sessions/\(id)/import", file: ("roster", "roster.csv", Self.roster), csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try server.entries().isEmpty && server.admissions.importJobs(session: server.session).isEmpty)
        }
    }

    @Test func onlyThoseWhoMayChangeASessionImportIntoIt() async throws {
        let server = try Server()
        let id = Server.id(server.session)
        let upload = RosterUpload(
            fileName: "roster.csv", format: .csv, header: ["Candidate Number", "Given Name", "Family Name"],
            rows: [.init(number: 2, cells: ["10442", "Maria", "Garcia"])])
        let job = try #require(try server.admissions.importRoster(into: server.session, upload).job).id.uuidString.lowercased()
        try await server.run { client in
            var ivan = Browser(client)
            try await ivan.staffSignIn(Server.invigilator)
            #expect(try await ivan.get("/staff/sessions/\(id)/import").status == .forbidden)
            #expect(try await ivan.upload("/staff/sessions/\(id)/import", file: ("roster", "roster.csv", Self.roster)).status == .forbidden)
            #expect(try await ivan.get("/staff/imports/\(job)").status == .forbidden)
            #expect(try await ivan.post("/staff/imports/\(job)/files", [("kind", "completed")]).status == .forbidden)

            var uma = Browser(client)
            try await uma.staffSignIn(Server.otherCoordinator)
            #expect(try await uma.get("/staff/sessions/\(id)/import").status == .notFound)
            #expect(try await uma.get("/staff/imports/\(job)").status == .notFound)
            #expect(try await uma.post("/staff/imports/\(job)/files", [("kind", "completed")]).status == .notFound)

            var nobody = Browser(client)
            #expect(try await nobody.get("/staff/imports/\(job)").location == "/staff")
            #expect(try server.entries().count == 1)
            #expect(try server.admissions.auditEvents(session: server.session).filter { $0.action == .importFilesWritten }.isEmpty)
        }
    }

    @Test func uploadsHaveTheirOwnLargerCap() async throws {
        let server = try Server(ServerConfiguration(maxBodySize: 1024, maxUploadSize: 4096))
        let id = Server.id(server.session)
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            _ = try await carol.get("/staff/sessions/\(id)/import")
            var rows = "Candidate Number,Given Name,Family Name\r\n"
            for n in 1...60 { rows += "\(10000 + n),Given,Family\(String(repeating: "x", count: n % 5))\r\n" }
            #expect(rows.utf8.count > 1024 && rows.utf8.count < 3000)
            let fits = try await carol.upload("/staff/sessions/\(id)/import", file: ("roster", "roster.csv", Array(rows.utf8)))
            #expect(fits.status == .ok)
            let big = try await carol.upload("/staff/sessions/\(id)/import", file: ("roster", "big.csv", Array((rows + rows + rows).utf8)))
            #expect(big.status == .contentTooLarge)
            #expect(big.text.contains("The request is larger than 4 KiB."))
        }
    }
}
