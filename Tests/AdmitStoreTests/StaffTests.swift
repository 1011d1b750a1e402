import AdmitCore
import AdmitCrypto
import Foundation
import GRDB
import Testing

@testable import AdmitSQLite

/// Staff accounts, their passwords and API tokens, and what each role may do.
@Suite struct StaffTests {
    static let password = "Staff-Horse-Battery-42"

    /// The fixture with a second institution and a member of every role.
    func staffFixture(_ kind: StoreKind) throws -> Fixture {
        let fixture = try Fixture(kind)
        try fixture.admissions.addInstitution(code: "US007", name: "Southfield High")
        try fixture.admissions.addStaff(username: "admin", role: .admin, institution: nil, password: Self.password)
        try fixture.admissions.addStaff(username: "carol", role: .coordinator, institution: "GB042", password: Self.password)
        try fixture.admissions.addStaff(username: "ivan", role: .invigilator, institution: "gb042", password: Self.password)
        return fixture
    }

    /// Whether `text` appears anywhere the store keeps it.
    func databaseContains(_ fixture: Fixture, _ text: String) throws -> Bool {
        try fixture.storedBytes().range(of: Data(text.utf8)) != nil
    }

    @Test(arguments: StoreKind.all) func membersHaveARoleAndCoordinatorsAndInvigilatorsAnInstitution(_ kind: StoreKind) throws {
        let fixture = try staffFixture(kind)
        let members = try fixture.admissions.staffMembers()
        #expect(members.map(\.username) == ["admin", "carol", "ivan"])
        #expect(members.map(\.role) == [.admin, .coordinator, .invigilator])
        #expect(members.map(\.institutionCode) == [nil, "GB042", "GB042"])
        #expect(members.allSatisfy { !$0.isDisabled })
        #expect(try fixture.admissions.staffMember(" Carol ").role == .coordinator)

        let admissions = fixture.admissions
        let cases: [(String, StaffRole, String?, String, AdmitError.Kind, String)] = [
            ("nina", .coordinator, nil, Self.password, .invalidInput, "a coordinator works for one institution; name it"),
            ("nina", .invigilator, nil, Self.password, .invalidInput, "an invigilator works for one institution"),
            ("root", .admin, "GB042", Self.password, .invalidInput, "an admin works for every institution, so none is named"),
            ("nina", .coordinator, "ZZ999", Self.password, .notFound, "there is no institution ZZ999"),
            ("CAROL", .invigilator, "GB042", Self.password, .conflict, "there is already a staff member named \"carol\""),
            ("nina", .coordinator, "GB042", "short", .invalidInput, "8 to 128"),
            ("nina", .coordinator, "GB042", "password1", .invalidInput, "common"),
            ("nina", .coordinator, "GB042", "nina-horse-battery", .invalidInput, "a staff password must not contain the username"),
            ("n", .coordinator, "GB042", Self.password, .invalidInput, "a staff username is 2 to 64 letters"),
            ("nina smith", .coordinator, "GB042", Self.password, .invalidInput, "a staff username is 2 to 64 letters"),
            ("nína", .coordinator, "GB042", Self.password, .invalidInput, "a staff username is 2 to 64 letters"),
        ]
        for (username, role, institution, password, kind, phrase) in cases {
            let error = #expect(throws: AdmitError.self, "\(username) \(role) \(institution ?? "-") \(password)") {
                try admissions.addStaff(username: username, role: role, institution: institution, password: password)
            }
            #expect(error?.kind == kind, "\(username): \(error?.message ?? "")")
            #expect(error?.message.contains(phrase) == true, "\(username): \(error?.message ?? "")")
        }
        #expect(try fixture.admissions.staffMembers().count == 3)

        let missing = #expect(throws: AdmitError.self) { try admissions.staffMember("nobody") }
        #expect(missing?.kind == .notFound)
    }

    @Test(arguments: StoreKind.all) func thePasswordIsKeptAsAnArgon2idHashOnly(_ kind: StoreKind) throws {
        let fixture = try staffFixture(kind)
        let member = try fixture.admissions.staffMember("carol")
        #expect(member.passwordHash.hasPrefix("$argon2id$v=19$"))
        #expect(PasswordHasher.verify(Self.password, against: member.passwordHash))
        // Each member's hash has its own salt.
        #expect(try fixture.admissions.staffMember("ivan").passwordHash != member.passwordHash)
        #expect(try !databaseContains(fixture, Self.password))
        #expect(try databaseContains(fixture, member.passwordHash))
        // Nor does the member's JSON (the CLI's --json) carry the hash.
        let json = String(decoding: try JSONEncoder().encode(member), as: UTF8.self)
        #expect(!json.contains("argon2") && !json.contains("hash"))
        #expect(json.contains("\"institution\":\"GB042\"") && json.contains("\"role\":\"coordinator\""))
    }

    @Test(arguments: StoreKind.all) func signInWorksOnlyWithTheRightPasswordOfAnEnabledMember(_ kind: StoreKind) throws {
        let fixture = try staffFixture(kind)
        let admissions = fixture.admissions
        #expect(try admissions.authenticateStaff(username: "carol", password: Self.password).username == "carol")
        #expect(try admissions.authenticateStaff(username: " CAROL ", password: Self.password).username == "carol")

        try admissions.disableStaff("ivan")
        let refusals = [("carol", "Staff-Horse-Battery-43"), ("carol", ""), ("nobody", Self.password), ("ivan", Self.password)].map {
            name, password in
            #expect(throws: AdmitError.self, "\(name)") { try admissions.authenticateStaff(username: name, password: password) }
        }
        // Wrong, unknown and disabled get the same answer.
        #expect(refusals.allSatisfy { $0?.kind == .refused && $0?.message == "invalid username or password" })

        let ivan = try admissions.staffMember("ivan")
        #expect(ivan.isDisabled)
        #expect(try admissions.activeStaffMember(id: ivan.id) == nil)
        #expect(try admissions.activeStaffMember(id: admissions.staffMember("carol").id)?.username == "carol")
        // Disabling twice is harmless and keeps the first date.
        #expect(try admissions.disableStaff("ivan").disabledAt == ivan.disabledAt)
    }

    @Test(arguments: StoreKind.all) func fiveWrongPasswordsInARowLockTheAccountForAMinuteThenLonger(_ kind: StoreKind) throws {
        let fixture = try staffFixture(kind)
        let admissions = fixture.admissions
        for _ in 1...Lockout.threshold {
            #expect(throws: AdmitError.self) { try admissions.authenticateStaff(username: "carol", password: "Wrong-Horse-Battery-1") }
        }
        #expect(try admissions.staffMember("carol").failedAttempts == Lockout.threshold)
        // Locked: even the right password is refused, with the same answer as a wrong one.
        let locked = #expect(throws: AdmitError.self) { try admissions.authenticateStaff(username: "carol", password: Self.password) }
        #expect(locked?.message == "invalid username or password")
        fixture.clock.advance(by: 61)
        #expect(try admissions.authenticateStaff(username: "carol", password: Self.password).username == "carol")
        #expect(try admissions.staffMember("carol").failedAttempts == 0)
        let events = try admissions.auditEvents(session: nil).filter { $0.action == .staffSignInFailed }
        #expect(events.count == Lockout.threshold + 1)
        #expect(events.contains { $0.detail.reason == "locked" })
        #expect(events.allSatisfy { $0.actor == "web sign-in form" && $0.detail.name == "carol" })
    }

    @Test(arguments: StoreKind.all) func tokensAreStoredAsDigestsAndANewOneRevokesTheOld(_ kind: StoreKind) throws {
        let fixture = try staffFixture(kind)
        let admissions = fixture.admissions
        let first = try admissions.issueToken(for: "carol")
        #expect(first.token.hasPrefix("admit_") && first.token.count == 6 + 43)
        #expect(first.staff.username == "carol")
        #expect(try admissions.authenticateToken(first.token).username == "carol")
        #expect(try !databaseContains(fixture, first.token))
        #expect(try !databaseContains(fixture, String(first.token.dropFirst(6))))
        let digests = try fixture.strings("SELECT digest FROM api_token")
        #expect(digests == [try TokenDigest.hex(of: first.token)])

        let second = try admissions.issueToken(for: "carol")
        #expect(second.token != first.token)
        let revoked = #expect(throws: AdmitError.self) { try admissions.authenticateToken(first.token) }
        #expect(revoked?.kind == .refused)
        #expect(try admissions.authenticateToken(second.token).username == "carol")
        // Each member's token is their own.
        let ivans = try admissions.issueToken(for: "ivan")
        #expect(try admissions.authenticateToken(ivans.token).username == "ivan")
        #expect(try admissions.authenticateToken(second.token).username == "carol")

        for bad in [
            "", "admit_", "admit_" + String(repeating: "A", count: 43), String(second.token.dropFirst(6)), second.token + "x",
            second.token.uppercased(), "admit_" + String(repeating: "A", count: 200),
        ] {
            let error = #expect(throws: AdmitError.self, "\(bad)") { try admissions.authenticateToken(bad) }
            #expect(error?.kind == .refused)
        }

        try admissions.disableStaff("carol")
        #expect(throws: AdmitError.self) { try admissions.authenticateToken(second.token) }
        let refused = #expect(throws: AdmitError.self) { try admissions.issueToken(for: "carol") }
        #expect(refused?.kind == .conflict)
        #expect(try admissions.authenticateToken(ivans.token).username == "ivan")
    }

    @Test(arguments: StoreKind.all) func eachRoleMayDoWhatItsDescriptionSays(_ kind: StoreKind) throws {
        let fixture = try staffFixture(kind)
        let admissions = fixture.admissions
        let other = try admissions.createSession(institution: "US007", name: "Autumn Chemistry")
        let admin = try admissions.staffMember("admin")
        let carol = try admissions.staffMember("carol")
        let ivan = try admissions.staffMember("ivan")
        let all: [StaffPermission] = [.view, .download, .readReport, .manage]

        for permission in all {
            #expect(
                admin.may(permission, institution: "GB042") && admin.may(permission, institution: "US007") && admin.may(permission, institution: nil))
            #expect(carol.may(permission, institution: "GB042") && carol.may(permission, institution: nil))
            #expect(!carol.may(permission, institution: "US007"))
            #expect(!ivan.may(permission, institution: "US007"))
            #expect(ivan.may(permission, institution: "GB042") == (permission != .manage), "\(permission)")
        }
        #expect(!ivan.may(.manage, institution: nil))

        for permission in all {
            try admissions.authorize(admin, permission, session: other)
            try admissions.authorize(carol, permission, session: fixture.session)
            let refused = #expect(throws: AdmitError.self) { try admissions.authorize(carol, permission, session: other) }
            #expect(refused?.kind == .forbidden && refused?.message.hasPrefix("your role (coordinator of GB042) may not") == true)
        }
        try admissions.authorize(ivan, .view, session: fixture.session)
        try admissions.authorize(ivan, .download, session: fixture.session)
        try admissions.authorize(ivan, .readReport, session: fixture.session)
        let change = #expect(throws: AdmitError.self) { try admissions.authorize(ivan, .manage, session: fixture.session) }
        #expect(change?.message == "your role (invigilator of GB042) may not change this session")
        let create = #expect(throws: AdmitError.self) { try admissions.authorize(ivan, .manage) }
        #expect(create?.message == "your role (invigilator of GB042) may not create sessions")

        #expect(try admissions.sessions(visibleTo: admin, search: nil).count == 2)
        #expect(try admissions.sessions(visibleTo: carol, search: nil).map(\.name) == ["June Maths"])
        #expect(try admissions.sessions(visibleTo: ivan, search: "chem").isEmpty)

        // A disabled member may do nothing, whatever the role (another admin first: the last one stays enabled).
        try admissions.addStaff(username: "root", role: .admin, institution: nil, password: Self.password)
        let disabled = try admissions.disableStaff("admin")
        for permission in all { #expect(!disabled.may(permission, institution: "GB042") && !disabled.may(permission, institution: nil)) }
        #expect(throws: AdmitError.self) { try admissions.authorize(disabled, .view, session: fixture.session) }
    }

    @Test(arguments: StoreKind.all) func workDoneAsAStaffMemberIsAuditedUnderTheirName(_ kind: StoreKind) throws {
        let fixture = try staffFixture(kind)
        let acting = fixture.admissions.acting(as: try fixture.admissions.staffMember("carol").actorName)
        try acting.addBatch(to: fixture.session, try BatchRequest(size: 2))
        let events = try fixture.admissions.auditEvents(session: fixture.session)
        #expect(events.last?.action == .batchCreated && events.last?.actor == "staff:carol")
        // The original keeps its own name.
        #expect(fixture.admissions.actor == "tester")
    }

    @Test(arguments: StoreKind.all) func staffAuditRecordsHoldNoSecret(_ kind: StoreKind) throws {
        let fixture = try staffFixture(kind)
        let admissions = fixture.admissions
        let token = try admissions.issueToken(for: "carol").token
        _ = try admissions.authenticateStaff(username: "carol", password: Self.password)
        _ = try? admissions.authenticateStaff(username: "carol", password: "Wrong-Horse-Battery-1")
        try admissions.disableStaff("ivan")

        let events = try admissions.auditEvents(session: nil).filter { $0.sessionID == nil }
        let actions = events.map(\.action)
        #expect(actions.filter { $0 == .staffAdded }.count == 3)
        #expect(actions.contains(.staffTokenIssued) && actions.contains(.staffDisabled))
        #expect(actions.contains(.staffSignedIn) && actions.contains(.staffSignInFailed))
        #expect(events.first { $0.action == .staffAdded && $0.detail.name == "carol" }?.detail.reason == "coordinator")
        #expect(events.first { $0.action == .staffTokenIssued }?.detail.name == "carol")
        #expect(events.first { $0.action == .staffDisabled }?.detail.name == "ivan")

        let json = String(decoding: try JSONEncoder().encode(events), as: UTF8.self)
        let hash = try admissions.staffMember("carol").passwordHash
        for secret in [Self.password, "Wrong-Horse-Battery-1", token, String(token.dropFirst(6)), try TokenDigest.hex(of: token), hash] {
            #expect(!json.contains(secret), "\(secret.prefix(8))…")
        }
        #expect(try !databaseContains(fixture, "Wrong-Horse-Battery-1"))
    }
}

@Suite struct StaffUpgradeTests {
    @Test func aVersion4DatabaseUpgradesAndTakesStaff() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-upgrade-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("admit.sqlite")
        let old = try DatabaseQueue(path: url.path)
        try Schema.migrator.migrate(old, upTo: "v4")
        try old.write { db in
            try db.execute(sql: "INSERT INTO institution VALUES ('GB042', 'Northfield', '2026-01-01 00:00:00.000')")
            #expect(try !db.tableExists("staff") && !db.tableExists("api_token"))
        }
        try old.close()

        let store = try SQLiteStore.open(at: url)
        #expect(try store.writer.read { try $0.tableExists("staff") && $0.tableExists("api_token") })
        let admissions = Admissions(
            store: store, dataKey: .file(folder.appendingPathComponent("admit.key")), actor: "tester",
            hasher: Fixture.quickHasher)
        #expect(try admissions.institution(code: "GB042").name == "Northfield")
        try admissions.addStaff(username: "carol", role: .coordinator, institution: "GB042", password: StaffTests.password)
        let token = try admissions.issueToken(for: "carol").token
        #expect(try admissions.authenticateToken(token).username == "carol")

        // The schema itself refuses what Core refuses: an admin tied to an institution, a coordinator without one, an unknown role.
        for (role, institution) in [("admin", "'GB042'"), ("coordinator", "NULL"), ("owner", "NULL")] {
            #expect(throws: DatabaseError.self, "\(role)") {
                try store.writer.write { db in
                    try db.execute(
                        sql: """
                            INSERT INTO staff (id, username, role, institution_code, password_hash, created_at)
                            VALUES ('\(UUID().uuidString)', 'x\(role)', '\(role)', \(institution), 'h', '2026-01-01 00:00:00.000')
                            """)
                }
            }
        }
    }
}
