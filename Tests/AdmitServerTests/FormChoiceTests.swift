import AdmitCore
import HTTPTypes
import Testing

/// A button's or list's value that no page offers (a form made by hand, an old page) is refused with one
/// sentence, and nothing is done.
@Suite struct FormChoiceTests {
    @Test func aChoiceNoPageOffersIsRefusedWithOneSentenceAndChangesNothing() async throws {
        let server = try Server()
        let id = Server.id(server.session)
        let slips = try server.slips(2)
        let entry = slips[0].entryID.uuidString.lowercased()
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            _ = try await carol.get("/staff/sessions/\(id)")
            let refusals: [(String, [(String, String)], String)] = [
                ("/staff/sessions/\(id)/entries", [("action", "delete"), ("entries[]", entry)], "Choose what to do with the selected entries."),
                (
                    "/staff/sessions/\(id)/entries", [("action", "download"), ("scope", "everyone"), ("file", "roster.csv")],
                    "Choose which entries: the selected ones, the whole session or the new batch."
                ),
                ("/staff/sessions/\(id)/withdraw", [("entries[]", entry), ("confirm", "maybe")], "Confirm with the page’s “Yes” button, or cancel."),
            ]
            for (path, fields, sentence) in refusals {
                let page = try await carol.post(path, fields)
                #expect(page.status == .badRequest, "\(fields)")
                #expect(page.text.contains(#"<p role="alert">\#(sentence)</p>"#), "\(fields)")
            }
            #expect(try server.entries().allSatisfy { $0.state == .issued })
            #expect(try server.admissions.auditEvents(session: server.session).filter { $0.action == .entriesExported }.isEmpty)

            var admin = Browser(client)
            try await admin.staffSignIn(Server.admin)
            _ = try await admin.get("/staff/members/\(Server.invigilator)")
            let member = try await admin.post("/staff/members/\(Server.invigilator)", [("action", "promote")])
            #expect(member.status == .badRequest)
            #expect(member.text.contains(#"<p role="alert">Choose what to change for this member.</p>"#))
            #expect(try server.admissions.staffMember(Server.invigilator).role == .invigilator)
        }
    }
}
