import AdmitCore
import AdmitServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The JSON API under /api/v1, as a script with a bearer token uses it.
@Suite struct APITests {
    // Spelled as the JSON spells them.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct SessionJSON: Decodable {
        var id: String
        var name: String
        var institution: String
        var required_details: [String]
    }

    struct BatchJSON: Decodable {
        // Spelled as the JSON spells them.
        // swift-format-ignore: AlwaysUseLowerCamelCase
        struct Batch: Decodable {
            var id: String
            var size: Int
            var created_by: String
        }
        struct Entry: Decodable {
            var guid: String
            var username: String
            var state: String
        }
        var batch: Batch
        var created: Bool
        var entries: [Entry]
    }

    struct EntryJSON: Decodable {
        var guid: String
        var number: Int
        var username: String
        var state: String
    }

    // Spelled as the JSON spells them.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct WithdrawJSON: Decodable, Equatable {
        var withdrawn: [String]
        var already_withdrawn: [String]
    }

    struct ReportJSON: Decodable {
        var counts: [String: Int]
        var entries: [EntryJSON]
    }

    func token(_ server: Server, _ username: String) throws -> String {
        try server.admissions.issueToken(for: username).token
    }

    @Test func aRequestWithoutAValidTokenIsRefusedWithAChallenge() async throws {
        let server = try Server()
        let first = try token(server, Server.coordinator)
        let second = try token(server, Server.coordinator)
        let ivans = try token(server, Server.invigilator)
        try server.admissions.disableStaff(Server.invigilator)
        try await server.run { client in
            let none = try await APIClient(client: client).get("/sessions")
            #expect(none.status == .unauthorized)
            #expect(none.headers[.wwwAuthenticate] == "Bearer")
            #expect(none.headers[.contentType] == "application/json")
            let problem = try none.json(APIError.self)
            #expect(problem.error.status == 401 && problem.error.message.contains("Authorization: Bearer"))

            for (name, bad) in [
                ("garbage", "not-a-token"), ("made up", "admit_" + String(repeating: "A", count: 43)),
                ("replaced by a newer one", first), ("of a disabled member", ivans),
            ] {
                let refused = try await APIClient(client: client, token: bad).get("/sessions")
                #expect(refused.status == .unauthorized, "\(name)")
                #expect(refused.headers[.wwwAuthenticate] == #"Bearer error="invalid_token""#, "\(name)")
                #expect(try refused.json(APIError.self).error.status == 401, "\(name)")
            }
            // A Basic header is no bearer token.
            let basic = try await client.execute(uri: "/api/v1/sessions", method: .get, headers: [.authorization: "Basic Y2Fyb2w6eA=="])
            #expect(basic.status == .unauthorized)

            let good = try await APIClient(client: client, token: second).get("/sessions")
            #expect(good.status == .ok)
        }
    }

    @Test func sessionsAreListedCreatedAndShownWithinTheMembersInstitution() async throws {
        let server = try Server()
        let carol = try token(server, Server.coordinator)
        let ivan = try token(server, Server.invigilator)
        let admin = try token(server, Server.admin)
        try await server.run { client in
            let api = APIClient(client: client, token: carol)
            let list = try await api.get("/sessions")
            #expect(list.status == .ok && list.headers[.contentType] == "application/json" && list.headers[.cacheControl] == "no-store")
            #expect(try list.json([SessionJSON].self).map(\.name) == ["June Maths"])
            #expect(try await APIClient(client: client, token: admin).get("/sessions").json([SessionJSON].self).count == 2)
            #expect(try await api.get("/sessions?q=chem").json([SessionJSON].self).isEmpty)

            let created = try await api.post("/sessions", json: #"{"name": "July Biology", "required_details": ["email"]}"#)
            #expect(created.status == .created)
            let session = try created.json(SessionJSON.self)
            #expect(session.name == "July Biology" && session.institution == "GB042" && session.required_details == ["email"])
            #expect(created.headers[.location] == "/api/v1/sessions/\(session.id)")
            #expect(try server.admissions.session("July Biology").institutionCode == "GB042")

            let shown = try await api.get("/sessions/\(session.id)")
            #expect(try shown.status == .ok && shown.json(SessionJSON.self).name == "July Biology")

            // Another institution: creating there is forbidden, reading there is "not found".
            let elsewhere = try await api.post("/sessions", json: #"{"name": "Sneaky", "institution": "US007"}"#)
            #expect(elsewhere.status == .forbidden)
            #expect(try elsewhere.json(APIError.self).error.status == 403)
            #expect(try await api.get("/sessions/\(Server.id(server.otherSession))").status == .notFound)
            #expect(try await api.get("/sessions/not-a-uuid").status == .notFound)

            let invigilator = try await APIClient(client: client, token: ivan).post("/sessions", json: #"{"name": "Sneaky"}"#)
            #expect(invigilator.status == .forbidden)
            let noName = try await api.post("/sessions", json: #"{"institution": "GB042"}"#)
            #expect(noName.status == .badRequest)
            #expect(try noName.json(APIError.self).error.message.contains("\"name\" is missing"))
            let notJSON = try await api.post("/sessions", json: "name=July")
            #expect(notJSON.status == .badRequest)
            #expect(try server.admissions.sessions().count == 3)

            let adminMade = try await APIClient(client: client, token: admin).post(
                "/sessions", json: #"{"name": "Admin Made", "institution": "US007"}"#)
            #expect(adminMade.status == .created)
            let adminWithout = try await APIClient(client: client, token: admin).post("/sessions", json: #"{"name": "Nowhere"}"#)
            #expect(adminWithout.status == .badRequest)
        }
    }

    @Test func batchesAreIdempotentUnderAKey() async throws {
        let server = try Server()
        let carol = try token(server, Server.coordinator)
        let id = Server.id(server.session)
        try await server.run { client in
            let api = APIClient(client: client, token: carol)
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "run-2026-06-10-1"]
            let first = try await api.post("/sessions/\(id)/batches", json: #"{"count": 20}"#, headers: key)
            #expect(first.status == .created)
            let batch = try first.json(BatchJSON.self)
            #expect(batch.created && batch.batch.size == 20 && batch.entries.count == 20)
            #expect(batch.batch.created_by == "staff:carol")
            #expect(batch.entries.allSatisfy { $0.state == "issued" })
            // No passwords in the answer.
            #expect(!first.text.lowercased().contains("password"))

            let retry = try await api.post("/sessions/\(id)/batches", json: #"{"count": 20}"#, headers: key)
            #expect(retry.status == .ok)
            let again = try retry.json(BatchJSON.self)
            #expect(!again.created && again.batch.id == batch.batch.id && again.entries.map(\.guid) == batch.entries.map(\.guid))
            #expect(try server.entries().count == 20)

            let conflict = try await api.post("/sessions/\(id)/batches", json: #"{"count": 30}"#, headers: key)
            #expect(conflict.status == .conflict)
            #expect(try conflict.json(APIError.self).error.status == 409)
            #expect(try server.entries().count == 20)

            let tooMany = try await api.post("/sessions/\(id)/batches", json: #"{"count": 501}"#)
            #expect(tooMany.status == .badRequest)
            let problem = try tooMany.json(APIError.self)
            #expect(problem == APIError(error: .init(status: 400, message: "A batch holds 1 to 500 entries; 501 is outside that range.")))
            for body in [#"{"count": 0}"#, #"{"count": "twenty"}"#, #"{}"#, "[]", "twenty"] {
                let refused = try await api.post("/sessions/\(id)/batches", json: body)
                #expect(refused.status == .badRequest, "\(body)")
                #expect(try refused.json(APIError.self).error.status == 400, "\(body)")
            }
            #expect(try server.entries().count == 20)

            // Without a key every post is a new batch.
            let plain = try await api.post("/sessions/\(id)/batches", json: #"{"count": 2}"#)
            #expect(plain.status == .created)
            #expect(try server.entries().count == 22)
        }
    }

    @Test func entriesAreListedExportedWithdrawnAndReported() async throws {
        let server = try Server()
        let carol = try token(server, Server.coordinator)
        let id = Server.id(server.session)
        let slips = try server.slips(4)
        try server.admissions.register(
            institution: "GB042", username: slips[3].username, password: slips[3].password!,
            details: CandidateDetails(givenName: "Maria", familyName: "Garcia"), newPassword: CandidateTests.newPassword)
        try await server.run { client in
            let api = APIClient(client: client, token: carol)
            let all = try await api.get("/sessions/\(id)/entries")
            #expect(all.status == .ok)
            #expect(try all.json([EntryJSON].self).count == 4)
            #expect(!all.text.contains(slips[0].password!))
            let issued = try await api.get("/sessions/\(id)/entries?state=issued").json([EntryJSON].self)
            #expect(issued.map(\.username) == slips.prefix(3).map(\.username))
            let badState = try await api.get("/sessions/\(id)/entries?state=lost")
            #expect(badState.status == .badRequest)

            let csv = try await api.post("/sessions/\(id)/exports", json: #"{"format": "csv"}"#)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8" && csv.headers[.cacheControl] == "no-store")
            let lines = csv.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            // A byte-order mark first, so that Excel reads the names as UTF-8.
            #expect(lines.first == "\u{FEFF}#,Username,Password,Candidate,Institution ID,State,Session")
            #expect(lines.count == 5)
            let first = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(first[0] == "1" && first[1] == slips[0].username && !first[2].isEmpty && first[5] == "issued")
            #expect(lines[4].split(separator: ",", omittingEmptySubsequences: false)[2].isEmpty, "a registered login has no password to print")

            let chosen = #"{"format": "xlsx", "layout": "both", "entries": ["\#(slips[0].entryID.uuidString)"]}"#
            let xlsx = try await api.post("/sessions/\(id)/exports", json: chosen)
            #expect(xlsx.status == .ok && Array(xlsx.bytes.prefix(2)) == Array("PK".utf8))
            #expect(xlsx.headers[HTTPField.Name("X-Admit-Entries")!] == "1")
            let badFormat = try await api.post("/sessions/\(id)/exports", json: #"{"format": "pdf"}"#)
            #expect(badFormat.status == .badRequest)
            let slipsAsCSV = try await api.post("/sessions/\(id)/exports", json: #"{"format": "csv", "layout": "slips"}"#)
            #expect(slipsAsCSV.status == .badRequest)
            #expect(try slipsAsCSV.json(APIError.self).error.message == "A CSV holds the roster only; choose the workbook for slips.")
            let exports = try server.admissions.auditEvents(session: server.session).filter { $0.action == .entriesExported }
            #expect(exports.count == 2 && exports.allSatisfy { $0.actor == "staff:carol" })

            let two = #"{"entries": ["\#(slips[0].entryID.uuidString)", "\#(slips[1].entryID.uuidString)"]}"#
            let withdrawn = try await api.post("/sessions/\(id)/withdrawals", json: two)
            #expect(withdrawn.status == .ok)
            let answer = try withdrawn.json(WithdrawJSON.self)
            #expect(answer.withdrawn.map { $0.lowercased() } == [slips[0].entryID, slips[1].entryID].map { $0.uuidString.lowercased() })
            #expect(answer.already_withdrawn.isEmpty)
            let twice = try await api.post("/sessions/\(id)/withdrawals", json: two)
            #expect(try twice.json(WithdrawJSON.self).already_withdrawn.count == 2)
            #expect(try server.entries().map(\.state) == [.withdrawn, .withdrawn, .issued, .converted])
            let foreign = try await api.post("/sessions/\(id)/withdrawals", json: #"{"entries": ["\#(UUID().uuidString)"]}"#)
            #expect(foreign.status == .notFound || foreign.status == .badRequest)

            let report = try await api.get("/sessions/\(id)/report")
            #expect(report.status == .ok)
            let counts = try report.json(ReportJSON.self).counts
            #expect(counts["withdrawn"] == 2 && counts["issued"] == 1 && counts["converted"] == 1)
        }
    }

    @Test func anInvigilatorTokenReadsAndPrintsButChangesNothing() async throws {
        let server = try Server()
        let ivan = try token(server, Server.invigilator)
        let id = Server.id(server.session)
        let slips = try server.slips(2)
        try await server.run { client in
            let api = APIClient(client: client, token: ivan)
            #expect(try await api.get("/sessions").json([SessionJSON].self).map(\.name) == ["June Maths"])
            #expect(try await api.get("/sessions/\(id)").status == .ok)
            #expect(try await api.get("/sessions/\(id)/entries").status == .ok)
            #expect(try await api.get("/sessions/\(id)/report").status == .ok)
            let printed = try await api.post("/sessions/\(id)/exports", json: #"{"format": "xlsx", "layout": "slips"}"#)
            #expect(printed.status == .ok)

            let batch = try await api.post("/sessions/\(id)/batches", json: #"{"count": 20}"#)
            #expect(batch.status == .forbidden)
            #expect(try batch.json(APIError.self).error.message == "Your role (invigilator of GB042) may not change this session.")
            let withdraw = try await api.post("/sessions/\(id)/withdrawals", json: #"{"entries": ["\#(slips[0].entryID.uuidString)"]}"#)
            #expect(withdraw.status == .forbidden)
            #expect(try server.entries().count == 2 && server.entries().allSatisfy { $0.state == .issued })

            // Another institution's session does not exist for this member.
            #expect(try await api.get("/sessions/\(Server.id(server.otherSession))/report").status == .notFound)
        }
    }

    @Test func theOpenAPIDocumentIsServedWithoutAToken() async throws {
        let server = try Server()
        try await server.run { client in
            let page = try await APIClient(client: client).get("/openapi.json")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "application/json")
            let document = try #require(page.object)
            if !document.isEmpty {
                #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
                let paths = try #require(document["paths"] as? [String: Any])
                #expect(paths.keys.contains { $0.hasSuffix("/batches") } && paths.keys.contains { $0.hasSuffix("/withdrawals") })
            }
        }
    }
}
