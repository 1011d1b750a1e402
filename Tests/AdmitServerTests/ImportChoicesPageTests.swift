import AdmitCore
import AdmitServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// What the CLI's import takes as options, on the staff import page: the mapping step, pasted rows, the
/// default password, the encoding, and the template to download; every refusal beside its field.
@Suite struct ImportChoicesPageTests {
    /// Headings Admit does not know, in Spanish.
    static let spanish = Array("Nombre,Apellidos,Correo\r\nJosé,Núñez,jose@example.org\r\nAna,Lopez,ana@example.org\r\n".utf8)

    static func token(_ page: Page) -> String? { Page.firstMatch(#"name="token" value="([^"]+)""#, in: page.text) }

    /// The sentence beside the field with this id.
    static func fieldError(_ page: Page, _ id: String) -> String? {
        Page.firstMatch(#"<p class="field-error" id="\#(id)-error">([^<]*)</p>"#, in: page.text)
    }

    /// carol, coordinator of GB042, signed in on the import page of "June Maths".
    func onTheImportPage(_ test: @Sendable (inout Browser, String, Server, any TestClientProtocol) async throws -> Void) async throws {
        let server = try Server()
        let id = Server.id(server.session)
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            _ = try await carol.get("/staff/sessions/\(id)/import")
            try await test(&carol, id, server, client)
        }
    }

    func nothingRecorded(_ server: Server) throws -> Bool {
        try server.entries().isEmpty && server.admissions.importJobs(session: server.session).isEmpty
    }

    @Test func aFileWithoutTheRequiredHeadingsIsMappedOnThePageAndTheChoiceIsRemembered() async throws {
        try await onTheImportPage { carol, id, server, client in
            let step = try await carol.upload("/staff/sessions/\(id)/import", file: ("roster", "alumnos.csv", Self.spanish))
            #expect(step.status == .ok)
            #expect(step.text.contains("<h1>Choose the columns of alumnos.csv</h1>"))
            #expect(step.text.contains("Choose the file’s column for Given Name and Family Name."))
            #expect(step.options("map-givenname") == ["— not in the file —", "Nombre (José)", "Apellidos (Núñez)", "Correo (jose@example.org)"])
            #expect(step.chosen("map-givenname") == "" && step.chosen("map-email") == "")
            #expect(try nothingRecorded(server))

            let token = try #require(Self.token(step))
            let check = try await carol.post(
                "/staff/sessions/\(id)/import/map",
                [("token", token), ("map-givenname", "Nombre"), ("map-familyname", "Apellidos"), ("map-email", "Correo")])
            #expect(check.status == .ok)
            #expect(check.text.contains("Check of alumnos.csv") && check.text.contains("<li><strong>2</strong> new</li>"))
            #expect(
                check.text.contains("Read with the columns you chose: Given Name from “Nombre”, Family Name from “Apellidos”, Email from “Correo”."))
            #expect(try nothingRecorded(server))

            // The same headings again, in this browser session: no step, the choices apply.
            let again = try await carol.upload("/staff/sessions/\(id)/import", file: ("roster", "alumnos-2.csv", Self.spanish))
            #expect(again.text.contains("Check of alumnos-2.csv") && again.text.contains("Given Name from “Nombre”"))
            let run = try await carol.post("/staff/sessions/\(id)/import/run", [("token", try #require(Self.token(again)))])
            #expect(run.status == .seeOther)
            let entries = try server.entries()
            #expect(entries.map(\.username) == ["jose.nunez", "ana.lopez"])
            #expect(entries.map(\.givenName) == ["José", "Ana"] && entries.map(\.familyName) == ["Núñez", "Lopez"])

            // A job read with choices still has its files.
            let job = try #require(run.location)
            let completed = try await carol.post("\(job)/files", [("kind", "completed")])
            #expect(completed.status == .ok && completed.text.contains("jose.nunez") && completed.text.contains("jose@example.org"))

            // Another browser (another sign-in) is asked again.
            var other = Browser(client)
            try await other.staffSignIn(Server.coordinator)
            _ = try await other.get("/staff/sessions/\(id)/import")
            let asked = try await other.upload("/staff/sessions/\(id)/import", file: ("roster", "alumnos.csv", Self.spanish))
            #expect(asked.text.contains("<h1>Choose the columns of alumnos.csv</h1>"))
        }
    }

    @Test func badChoicesArePointedOutBesideTheirDropDownAndChangeNothing() async throws {
        try await onTheImportPage { carol, id, server, client in
            var step = try await carol.upload("/staff/sessions/\(id)/import", file: ("roster", "alumnos.csv", Self.spanish))

            // A heading the file does not have (a post made by hand, or a page left open for another file).
            step = try await carol.post(
                "/staff/sessions/\(id)/import/map",
                [("token", try #require(Self.token(step))), ("map-givenname", "Vorname"), ("map-familyname", "Apellidos")])
            #expect(step.status == .badRequest)
            #expect(Self.fieldError(step, "map-givenname") == "The file has no heading “Vorname”; choose one of its headings for Given Name.")
            #expect(step.select("map-givenname")?.contains(#"aria-invalid="true""#) == true)
            #expect(step.errorSummary == "The file has no heading “Vorname”; choose one of its headings for Given Name.")
            #expect(step.chosen("map-familyname") == "Apellidos", "the other choices stay made")

            // A required field left "not in the file": the file has no column for it even with the choices.
            step = try await carol.post(
                "/staff/sessions/\(id)/import/map", [("token", try #require(Self.token(step))), ("map-givenname", "Nombre")])
            #expect(step.status == .badRequest)
            #expect(Self.fieldError(step, "map-familyname") == "Choose the file’s column for Family Name.")

            // Two fields from one column.
            step = try await carol.post(
                "/staff/sessions/\(id)/import/map",
                [("token", try #require(Self.token(step))), ("map-givenname", "Nombre"), ("map-familyname", "Nombre")])
            #expect(step.status == .badRequest)
            #expect(
                Self.fieldError(step, "map-familyname")
                    == "Given Name and Family Name cannot both be read from “Nombre”; choose a column of its own for Family Name.")
            #expect(try nothingRecorded(server))

            // A used or forged token: the file is no longer kept.
            let used = try #require(Self.token(step))
            let good = try await carol.post(
                "/staff/sessions/\(id)/import/map", [("token", used), ("map-givenname", "Nombre"), ("map-familyname", "Apellidos")])
            #expect(good.status == .ok && good.text.contains("Check of alumnos.csv"))
            let stale = try await carol.post(
                "/staff/sessions/\(id)/import/map", [("token", used), ("map-givenname", "Nombre"), ("map-familyname", "Apellidos")])
            #expect(stale.status == .conflict)
            #expect(try nothingRecorded(server))
        }
    }

    @Test func pastedRowsWithOrWithoutAHeadingRowAreCheckedLikeAFile() async throws {
        try await onTheImportPage { carol, id, server, client in
            let headed = try await carol.upload(
                "/staff/sessions/\(id)/import", fields: [("pasted", "First Name\tLast Name\tClass\r\nZoë\tBrontë\t10B\r\nLi\tWei\t10B\r\n")],
                file: nil)
            #expect(headed.status == .ok && headed.text.contains("Check of pasted rows") && headed.text.contains("<li><strong>2</strong> new</li>"))

            // Without a heading row, every row is a candidate and the columns are chosen on the mapping step.
            let bare = try await carol.upload(
                "/staff/sessions/\(id)/import", fields: [("pasted", "Zoë\tBrontë\t10B\nLi\tWei\t10B\nAna\tLopez\t10C\n")], file: nil)
            #expect(bare.text.contains("<h1>Choose the columns of pasted rows</h1>"))
            #expect(bare.options("map-group") == ["— not in the file —", "Column 1 (Zoë)", "Column 2 (Brontë)", "Column 3 (10B)"])
            let check = try await carol.post(
                "/staff/sessions/\(id)/import/map",
                [
                    ("token", try #require(Self.token(bare))), ("map-givenname", "Column 1"), ("map-familyname", "Column 2"),
                    ("map-group", "Column 3"),
                ])
            #expect(check.text.contains("<li><strong>3</strong> new</li>"))
            let run = try await carol.post("/staff/sessions/\(id)/import/run", [("token", try #require(Self.token(check)))])
            #expect(run.status == .seeOther)
            #expect(try server.entries().map(\.username) == ["zoe.bronte", "li.wei", "ana.lopez"])
            #expect(try server.admissions.importJobs(session: server.session).map(\.fileName) == ["pasted rows"])
        }
    }

    @Test func rowsWithoutAPasswordGetTheDefaultOne() async throws {
        try await onTheImportPage { carol, id, server, client in
            let check = try await carol.upload(
                "/staff/sessions/\(id)/import", fields: [("defaultPassword", "Lantern-Orchard-72")],
                file: ("roster", "roster.csv", Array("Given Name,Family Name,Password\r\nMaria,Garcia,\r\nJose,Nunez,Quiet-Harbour-41\r\n".utf8)))
            #expect(check.text.contains("Rows without a password get the password you typed."))
            #expect(!check.text.contains("Lantern-Orchard-72"), "the password is never shown back")
            _ = try await carol.post("/staff/sessions/\(id)/import/run", [("token", try #require(Self.token(check)))])
            #expect(try server.entries().count == 2)
            for (username, password) in [("maria.garcia", "Lantern-Orchard-72"), ("jose.nunez", "Quiet-Harbour-41")] {
                let outcome = try server.admissions.signIn(institution: "GB042", username: username, password: password)
                guard case .passwordChangeRequired = outcome else {
                    Issue.record("\(username) signs in with \(outcome)")
                    continue
                }
            }
        }
    }

    @Test func badInputIsRefusedBesideItsFieldAndRecordsNothing() async throws {
        let roster = Array("Given Name,Family Name\r\nMaria,Garcia\r\n".utf8)
        try await onTheImportPage { carol, id, server, client in

            let widths = try await carol.upload(
                "/staff/sessions/\(id)/import", fields: [("pasted", "Given Name\tFamily Name\nMaria\tGarcia\nJose\tNunez\textra\n")], file: nil)
            #expect(widths.status == .badRequest)
            #expect(
                Self.fieldError(widths, "pasted")
                    == "The pasted row 3 has 3 cells but the first has 2; copy a block of whole rows from the spreadsheet.")
            let short = try await carol.upload(
                "/staff/sessions/\(id)/import", fields: [("pasted", "Maria\tGarcia\t10B\nJose\tNunez\n")], file: nil)
            #expect(
                Self.fieldError(short, "pasted")
                    == "The pasted row 2 has 2 cells but the first has 3; copy a block of whole rows from the spreadsheet.")

            let encoding = try await carol.upload(
                "/staff/sessions/\(id)/import", fields: [("encoding", "ebcdic")], file: ("roster", "roster.csv", roster))
            #expect(encoding.status == .badRequest)
            #expect(Self.fieldError(encoding, "encoding") == "“ebcdic” is not an encoding Admit reads; choose one from the list.")
            #expect(encoding.text.contains(#"aria-invalid="true""#))

            let weak = try await carol.upload(
                "/staff/sessions/\(id)/import", fields: [("defaultPassword", "abc")], file: ("roster", "roster.csv", roster))
            #expect(weak.status == .badRequest)
            #expect(Self.fieldError(weak, "defaultPassword")?.hasPrefix("The default password does not pass the password policy") == true)

            let both = try await carol.upload(
                "/staff/sessions/\(id)/import", fields: [("pasted", "Given Name\tFamily Name\nAna\tLopez\n")], file: ("roster", "roster.csv", roster))
            #expect(both.status == .badRequest && Self.fieldError(both, "pasted")?.hasPrefix("Choose a file or paste rows, not both") == true)

            let nothing = try await carol.upload("/staff/sessions/\(id)/import", fields: [("pasted", "  \n")], file: nil)
            #expect(Self.fieldError(nothing, "roster") == "Choose a roster file (CSV or XLSX) to upload, or paste its rows.")

            // A file whose bytes are not text in the encoding chosen.
            let latin = Array("Given Name,Family Name\r\nAnaïs,Lefèvre\r\n".data(using: .isoLatin1)!)
            let notUTF8 = try await carol.upload(
                "/staff/sessions/\(id)/import", fields: [("encoding", "utf-8")], file: ("roster", "latin.csv", latin))
            #expect(
                Self.fieldError(notUTF8, "roster") == "Latin.csv cannot be read: the file is not UTF-8 text; choose the encoding it was saved in.")
            #expect(try nothingRecorded(server))
        }
    }

    @Test func aWindows1252FileIsReadAndSaidSoAndAChosenEncodingIsUsed() async throws {
        let latin = Array("Given Name,Family Name\r\nAnaïs,Lefèvre\r\n".data(using: .isoLatin1)!)
        try await onTheImportPage { carol, id, server, client in
            let guessed = try await carol.upload("/staff/sessions/\(id)/import", file: ("roster", "latin.csv", latin))
            #expect(guessed.text.contains("The file is not UTF-8, so it was read as Windows-1252: check the accents of the names."))
            let chosen = try await carol.upload(
                "/staff/sessions/\(id)/import", fields: [("encoding", "iso-8859-1")], file: ("roster", "latin.csv", latin))
            #expect(chosen.text.contains("read as ISO-8859-1"))
            _ = try await carol.post("/staff/sessions/\(id)/import/run", [("token", try #require(Self.token(chosen)))])
            #expect(try server.entries().map(\.familyName) == ["Lefèvre"])
        }
    }

    @Test func theTemplateDownloadsAsAWorkbookAndAsCSV() async throws {
        try await onTheImportPage { carol, id, _, client in
            let form = try await carol.get("/staff/sessions/\(id)/import")
            #expect(form.text.contains(#"<a href="/staff/roster-template/xlsx" download>Excel workbook</a>"#))
            #expect(form.text.contains(#"<a href="/staff/roster-template/csv" download>CSV</a>"#))
            let xlsx = try await carol.get("/staff/roster-template/xlsx")
            #expect(xlsx.status == .ok && xlsx.bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            #expect(xlsx.headers[.contentDisposition] == #"attachment; filename="roster-template.xlsx""#)
            let csv = try await carol.get("/staff/roster-template/csv")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.contains(RosterColumn.allCases.map(\.rawValue).joined(separator: ",")))
            #expect(try await carol.get("/staff/roster-template/pdf").status == .notFound)
            var nobody = Browser(client)
            #expect(try await nobody.get("/staff/roster-template/csv").location == "/staff")
        }
    }
}
