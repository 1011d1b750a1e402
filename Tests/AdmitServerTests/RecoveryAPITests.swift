import AdmitCore
import AdmitServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The API's exam-day operations (change a session, unlock, reset, find, staff accounts) and how it answers a
/// body it does not take.
@Suite struct RecoveryAPITests {
    struct Field: Decodable {
        struct Detail: Decodable {
            var status: Int
            var message: String
            var field: String?
        }
        var error: Detail
    }

    // Spelled as the JSON spells them.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct UnlockJSON: Decodable {
        var unlocked: [String]
        var not_locked: [String]
    }

    func token(_ server: Server, _ username: String) throws -> String {
        try server.admissions.issueToken(for: username).token
    }

    func patch(_ api: APIClient, _ path: String, json: String) async throws -> Page {
        try await api.send(path, method: .patch, headers: [.contentType: "application/json"], body: ByteBuffer(string: json))
    }

    func put(_ api: APIClient, _ path: String, json: String) async throws -> Page {
        try await api.send(path, method: .put, headers: [.contentType: "application/json"], body: ByteBuffer(string: json))
    }

    @Test func aSessionIsChangedAndUnusedLoginsFollowItsNewEnd() async throws {
        let server = try Server()
        _ = try server.slips(2)
        let id = Server.id(server.session)
        try await server.run { client in
            let api = APIClient(client: client, token: try token(server, Server.coordinator))
            let changed = try await patch(
                api, "/sessions/\(id)",
                json: #"{"name": "June Maths Delayed", "ends_at": "2099-06-30T12:00:00Z", "sign_in_url": "https://exams.example.org/"}"#)
            #expect(changed.status == .ok)
            #expect(changed.object?["name"] as? String == "June Maths Delayed")
            #expect(changed.object?["ends_at"] as? String == "2099-06-30T12:00:00Z")
            #expect(try server.entries().allSatisfy { $0.expiresAt <= ISO8601DateFormatter().date(from: "2099-06-30T12:00:00Z")! })

            let past = try await patch(api, "/sessions/\(id)", json: #"{"ends_at": "2020-01-01T00:00:00Z"}"#)
            #expect(try past.status == .badRequest && past.json(Field.self).error.field == "force")
            #expect(try await patch(api, "/sessions/\(id)", json: #"{"ends_at": "2020-01-01T00:00:00Z", "force": true}"#).status == .ok)

            let backwards = try await patch(
                api, "/sessions/\(id)", json: #"{"starts_at": "2099-01-01T00:00:00Z", "ends_at": "2098-01-01T00:00:00Z"}"#)
            #expect(try backwards.status == .badRequest && backwards.json(Field.self).error.field == "ends_at")
            let invigilator = APIClient(client: client, token: try token(server, Server.invigilator))
            #expect(try await patch(invigilator, "/sessions/\(id)", json: #"{"name": "Mine"}"#).status == .forbidden)
        }
    }

    @Test func aBodyWithAFieldTheRouteDoesNotTakeOrANullIsRefusedNamingIt() async throws {
        let server = try Server()
        _ = try server.slips(1)
        let id = Server.id(server.session)
        try await server.run { client in
            let api = APIClient(client: client, token: try token(server, Server.coordinator))
            // `starts` for `starts_at` would have made a session with no times.
            let misspelt = try await api.post(
                "/sessions", json: #"{"name": "July", "starts": "2026-07-01T09:00:00Z", "ends": "2026-07-01T12:00:00Z"}"#)
            #expect(misspelt.status == .badRequest)
            let problem = try misspelt.json(Field.self).error
            #expect(problem.message.contains(#"fields this route does not take: "ends", "starts""#) && problem.field == "ends")

            let badDate = try await api.post("/sessions", json: #"{"name": "July", "starts_at": "1 July"}"#)
            #expect(try badDate.json(Field.self).error.message == #""starts_at" is not a date and time like 2026-12-01T09:00:00Z."#)
            #expect(try badDate.json(Field.self).error.field == "starts_at")
            let wrongType = try await api.post("/sessions/\(id)/batches", json: #"{"count": "ten"}"#)
            #expect(try wrongType.json(Field.self).error.message == #""count" should be a whole number."#)

            // A null list must not mean "the whole session".
            let null = try await api.post("/sessions/\(id)/exports", json: #"{"entries": null}"#)
            #expect(try null.status == .badRequest && null.json(Field.self).error.field == "entries")
            let empty = try await api.post("/sessions/\(id)/exports", json: #"{"entries": []}"#)
            #expect(empty.status == .badRequest)
            #expect(try server.admissions.auditEvents(session: server.session).allSatisfy { $0.action != .entriesExported })
            #expect(try server.admissions.sessions().count == 2)

            let longKey = try await api.post(
                "/sessions/\(id)/batches", json: #"{"count": 1}"#, headers: [HTTPField.Name("Idempotency-Key")!: String(repeating: "k", count: 160)])
            #expect(try longKey.status == .badRequest && longKey.json(Field.self).error.field == "Idempotency-Key")
        }
    }

    @Test func anUnknownMethodIsA405NamingTheOnesTheAddressTakes() async throws {
        let server = try Server()
        let id = Server.id(server.session)
        try await server.run { client in
            let api = APIClient(client: client, token: try token(server, Server.coordinator))
            let deleted = try await api.send("/sessions/\(id)", method: .delete)
            #expect(deleted.status == .methodNotAllowed && deleted.headers[.allow] == "GET, PATCH")
            #expect(try deleted.json(Field.self).error.status == 405)
            #expect(try await api.send("/sessions", method: .put).headers[.allow] == "GET, POST")
        }
    }

    @Test func entriesAreUnlockedAndResetByNumberOrUsername() async throws {
        let server = try Server()
        let slips = try server.slips(3)
        let id = Server.id(server.session)
        try await server.run { client in
            try await RecoveryPageTests.lock(slips[0], client)
            let api = APIClient(client: client, token: try token(server, Server.coordinator))
            let unlocked = try await api.post("/sessions/\(id)/unlocks", json: ##"{"entries": [1, "#2"]}"##)
            #expect(unlocked.status == .ok)
            let answer = try unlocked.json(UnlockJSON.self)
            #expect(answer.unlocked.count == 1 && answer.not_locked.count == 1)
            #expect(try await RecoveryPageTests.signIn(slips[0], client).location == "/register")

            let unknown = try await api.post("/sessions/\(id)/unlocks", json: #"{"entries": [99]}"#)
            #expect(try unknown.status == .notFound && unknown.json(Field.self).error.field == "entries")

            let reset = try await api.post("/sessions/\(id)/resets", json: #"{"entries": ["\#(slips[2].username)"]}"#)
            #expect(reset.status == .ok && reset.headers[.contentDisposition]?.hasSuffix("-slips.xlsx\"") == true)
            #expect(reset.headers[HTTPField.Name("X-Admit-Entries")!] == "1" && reset.bytes.starts(with: [0x50, 0x4B]))
            #expect(try await RecoveryPageTests.signIn(slips[2], client).status == .unauthorized)

            let invigilator = APIClient(client: client, token: try token(server, Server.invigilator))
            #expect(try await invigilator.post("/sessions/\(id)/resets", json: #"{"entries": [2]}"#).status == .forbidden)
            #expect(try await invigilator.post("/sessions/\(id)/unlocks", json: #"{"entries": [2]}"#).status == .forbidden)
        }
    }

    @Test func findAndTheFilteredReportAnswerAsThePagesDo() async throws {
        let server = try Server()
        let slip = try server.slips(2)[0]
        try server.admissions.register(
            institution: slip.institutionCode, username: slip.username, password: slip.password!,
            details: CandidateDetails(givenName: "José", familyName: "Núñez"), newPassword: RecoveryPageTests.newPassword)
        let id = Server.id(server.session)
        try await server.run { client in
            let api = APIClient(client: client, token: try token(server, Server.invigilator))
            let found = try await api.get("/find?q=jose%20nunez")
            #expect(found.status == .ok)
            let rows = try #require((try? JSONSerialization.jsonObject(with: Data(found.bytes))) as? [[String: Any]])
            #expect(rows.count == 1 && rows[0]["session"] as? String == "June Maths" && rows[0]["personal_username"] as? String == "jose.nunez")
            #expect(try await api.get("/find?q=x").status == .badRequest)
            let other = APIClient(client: client, token: try token(server, Server.otherCoordinator))
            #expect(try await other.get("/find?q=nunez").text == "[]")

            let waiting = try await api.get("/sessions/\(id)/report?only=not-signed-in")
            #expect(waiting.object?["filter"] as? String == "not-signed-in")
            #expect((waiting.object?["entries"] as? [Any])?.count == 1)
            #expect(try await api.get("/sessions/\(id)/report?only=nobody").status == .badRequest)
        }
    }

    @Test func anAdminManagesStaffAccountsAndOthersMayNot() async throws {
        let server = try Server()
        try await server.run { client in
            let admin = APIClient(client: client, token: try token(server, Server.admin))
            let list = try await admin.get("/staff")
            #expect(list.status == .ok && !list.text.contains("argon2"))
            #expect(try await admin.post("/staff/ivan/disable", json: "{}").status == .ok)
            #expect(try server.admissions.staffMember(Server.invigilator).isDisabled)
            #expect(try await admin.post("/staff/ivan/enable", json: "{}").status == .ok)
            #expect(try await admin.post("/staff/ivan/unlock", json: "{}").status == .ok)
            #expect(try await put(admin, "/staff/ivan/password", json: #"{"password": "Another-Long-Pass-77"}"#).status == .ok)
            _ = try server.admissions.authenticateStaff(username: Server.invigilator, password: "Another-Long-Pass-77")
            let weak = try await put(admin, "/staff/ivan/password", json: #"{"password": "short"}"#)
            #expect(try weak.status == .badRequest && weak.json(Field.self).error.field == "password")

            let role = try await put(admin, "/staff/ivan/role", json: #"{"role": "coordinator", "institution": "GB042"}"#)
            #expect(role.status == .ok && role.object?["role"] as? String == "coordinator")
            #expect(try await put(admin, "/staff/admin/role", json: #"{"role": "coordinator", "institution": "GB042"}"#).status == .conflict)
            #expect(try await admin.post("/staff/nobody/unlock", json: "{}").status == .notFound)

            let carol = APIClient(client: client, token: try token(server, Server.coordinator))
            #expect(try await carol.get("/staff").status == .forbidden)
            #expect(try await carol.post("/staff/ivan/disable", json: "{}").status == .forbidden)
        }
    }
}
