import AdmitCore
import AdmitServer
import Foundation
import Testing

/// Every refused sign-in does the same work, one Argon2id verification, whatever refused it: the time of an
/// answer must not tell an unknown username from a real one, or a locked, withdrawn or registered login from a
/// wrong password. (The times themselves are measured by `make bench`, figure 6.)
@Suite struct SignInWorkTests {
    /// The Argon2id verifications made so far.
    final class Count: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    /// Posts one sign-in form and returns its status and the verifications it made.
    static func attempt(_ browser: inout Browser, _ path: String, _ fields: [(String, String)], _ count: Count) async throws -> (Int, Int) {
        let before = count.value
        let page = try await browser.post(path, fields)
        return (Int(page.status.code), count.value - before)
    }

    @Test func everyRefusedCandidateSignInMakesExactlyOneVerification() async throws {
        let count = Count()
        let server = try Server(passwordChecked: { count.add() })
        let slips = try server.slips(4)
        let (issued, locked, withdrawn, registered) = (slips[0], slips[1], slips[2], slips[3])
        try server.admissions.withdraw(session: server.session, entries: [withdrawn.entryID])
        let upload = RosterUpload(
            fileName: "roster.csv", format: .csv, header: ["Candidate Number", "Given Name", "Family Name", "Password"],
            rows: [
                .init(number: 2, cells: ["10442", "Maria", "Garcia", "TEMP-7kq2-XR4P"]),
                .init(number: 3, cells: ["10443", "Ana", "Lopez", "TEMP-8kq2-XR4P"]),
            ])
        _ = try server.admissions.importRoster(into: server.session, upload)
        let personal = "Tr0ub4dor&3horse"
        try server.admissions.register(
            institution: "GB042", username: registered.username, password: registered.password!,
            details: CandidateDetails(givenName: "Lena", familyName: "Berg"), newPassword: personal)
        let withdrawnNamed = try #require(try server.entries().first { $0.personalUsername == "ana.lopez" })
        try server.admissions.withdraw(session: server.session, entries: [withdrawnNamed.guid])

        try await server.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/")
            func form(_ username: String, _ password: String) -> [(String, String)] {
                [("institution", "GB042"), ("username", username), ("password", password)]
            }
            for _ in 0..<5 { _ = try await browser.post("/signin", form(locked.username, "WRONG-PASS1")) }
            for _ in 0..<5 { _ = try await browser.post("/signin", form("lena.berg", "wrong password")) }
            let cases: [(String, [(String, String)])] = [
                ("unknown generic username", form("ABCD2345", "WRONG-PASS1")),
                ("issued, wrong password", form(issued.username, "WRONG-PASS1")),
                ("locked, right password", form(locked.username, locked.password!)),
                ("withdrawn, right password", form(withdrawn.username, withdrawn.password!)),
                ("registered slip, wrong password", form(registered.username, "WRONG-PASS1")),
                ("registered slip, right password", form(registered.username, registered.password!)),
                ("unknown personal username", form("nobody.here", "wrong password")),
                ("named, wrong password", form("maria.garcia", "wrong password")),
                ("withdrawn named, right password", form("ana.lopez", "TEMP-8kq2-XR4P")),
                ("registered personal, wrong password", form("lena.berg", "wrong-password")),
                ("locked personal, right password", form("lena.berg", personal)),
                ("unknown institution", [("institution", "ZZ999"), ("username", "maria.garcia"), ("password", "x")]),
            ]
            for (name, fields) in cases {
                let (status, verifications) = try await Self.attempt(&browser, "/signin", fields, count)
                #expect(status == 401 && verifications == 1, "\(name): \(status), \(verifications) verifications")
            }
        }
    }

    @Test func everyRefusedStaffSignInMakesExactlyOneVerification() async throws {
        let count = Count()
        let server = try Server(passwordChecked: { count.add() })
        try server.admissions.addStaff(username: "dora", role: .coordinator, institution: "GB042", password: Server.staffPassword)
        try server.admissions.disableStaff("dora")
        try await server.run { client in
            var browser = Browser(client)
            _ = try await browser.get("/staff")
            func form(_ username: String, _ password: String) -> [(String, String)] { [("username", username), ("password", password)] }
            for _ in 0..<5 { _ = try await browser.post("/staff/signin", form(Server.invigilator, "wrong password")) }
            let cases: [(String, [(String, String)])] = [
                ("unknown", form("nobody", "wrong password")),
                ("wrong password", form(Server.coordinator, "wrong password")),
                ("locked, right password", form(Server.invigilator, Server.staffPassword)),
                ("disabled, right password", form("dora", Server.staffPassword)),
            ]
            for (name, fields) in cases {
                let (status, verifications) = try await Self.attempt(&browser, "/staff/signin", fields, count)
                #expect(status == 401 && verifications == 1, "\(name): \(status), \(verifications) verifications")
            }
        }
    }
}
