import AdmitCore
import AdmitPostgres
import AdmitPostgresTestTools
import Foundation
import Testing

/// `admit db copy`: an installation moved from its SQLite file into an empty PostgreSQL database.
@Suite(.postgres) struct PostgresCopyTests {
    /// A SQLite installation with something in every table: two institutions, a session, a batch with a
    /// registered and a withdrawn entry, an import job with its rows and group, staff with a token, audit records.
    struct Installation {
        let fixture: Fixture
        let slips: [CredentialRow]
        let token: String
    }

    static func installation() throws -> Installation {
        let fixture = try Fixture(.sqlite)
        let admissions = fixture.admissions
        try admissions.addInstitution(code: "FR075", name: "Lycée Voltaire")
        let slips = try fixture.slips(5)
        try admissions.register(
            institution: "GB042", username: slips[0].username, password: slips[0].password!, details: maria,
            newPassword: newPassword)
        try admissions.withdraw(session: fixture.session, entries: [slips[4].entryID])
        _ = try admissions.importRoster(
            into: fixture.session,
            roster(
                [["C1", "Ana", "Lopez", "Room 4"], ["C2", "Li", "Wei", "room 4"]],
                header: ["Candidate Number", "Given Name", "Family Name", "Group"]))
        try admissions.addStaff(username: "carol", role: .coordinator, institution: "GB042", password: StaffTests.password)
        let token = try admissions.issueToken(for: "carol").token
        return Installation(fixture: fixture, slips: slips, token: token)
    }

    static func rowCount(_ table: String, in database: TestDatabase) throws -> Int {
        try database.connection().exec("SELECT count(*) AS n FROM \(table)")[0]["n"]
    }

    @Test func everyTableIsCopiedAndTheSlipsStillSignInSealedAsTheyWere() throws {
        let source = try Self.installation()
        let dump = try source.fixture.sqlite.dump()
        let target = try TestDatabase()
        let store = try PostgresStore.open(uri: target.uri, connections: 2)

        let copied = try store.load(dump)
        for table in dump.tables {
            #expect(copied[table.name] == table.rows.count, "\(table.name)")
            #expect(try Self.rowCount(table.name, in: target) == table.rows.count, "\(table.name)")
        }
        #expect(copied["entry"] == 7 && copied["import_row"] == 2 && copied["api_token"] == 1 && copied["data_key"] == 1)

        // The same records, read back through each store.
        let sqlite = source.fixture.store
        let session = source.fixture.session.id
        func everything(_ reader: any StoreReader) throws -> String {
            var entries: [Entry] = []
            try reader.forEachEntry(session: session, filter: EntryFilter(), now: Date()) { entries.append($0) }
            let jobs = try reader.importJobs(session: nil)
            return
                "\(try reader.institutions()) \(try reader.sessions(search: nil, institution: nil)) \(entries) \(try reader.groups(session: session)) "
                + "\(jobs) \(try jobs.map { try reader.importRows(job: $0.id) }) \(try reader.staffMembers()) "
                + "\(try reader.auditEvents(session: nil)) \(try reader.dataKeyCheck() ?? [])"
        }
        #expect(try store.read(everything) == sqlite.read(everything))

        // The sealed passwords are the same bytes, sealed under the same key, and in clear nowhere.
        let sealed = try sqlite.read { try $0.entries(ids: source.slips.map(\.entryID)) }.compactMap(\.sealedPassword)
        #expect(sealed.count == 3)
        let stored = try target.storedBytes()
        #expect(sealed.allSatisfy { stored.range(of: Data($0)) != nil })
        #expect(source.slips.compactMap(\.password).allSatisfy { stored.range(of: Data($0.utf8)) == nil })
        #expect(stored.range(of: Data(newPassword.utf8)) == nil && stored.range(of: Data(source.token.utf8)) == nil)

        let admissions = Admissions(
            store: store, dataKey: .existingFile(source.fixture.folder.appendingPathComponent("admit.key")),
            actor: "tester", hasher: Fixture.quickHasher, clock: source.fixture.clock.now)
        let slip = source.slips[1]
        #expect(
            try admissions.signIn(institution: "GB042", username: slip.username, password: slip.password!)
                == .registrationRequired(session: source.fixture.session))
        #expect(
            try admissions.signIn(institution: "GB042", username: "maria.garcia", password: newPassword)
                == .signedIn(username: "maria.garcia", session: source.fixture.session))
        #expect(try admissions.authenticateToken(source.token).username == "carol")
        // New audit records follow the copied ones.
        let last = try #require(try store.read { try $0.auditEvents(session: nil) }.last)
        #expect(last.action == .signedIn)
        #expect(
            try admissions.register(
                institution: "GB042", username: slip.username, password: slip.password!,
                details: CandidateDetails(givenName: "Li", familyName: "Wei"), newPassword: newPassword
            )
            .personalUsername == "li.wei2")
    }

    @Test func aDatabaseThatHoldsAnInstallationIsRefusedAndLeftAsItWas() throws {
        let dump = try Self.installation().fixture.sqlite.dump()
        let target = try TestDatabase()
        let store = try PostgresStore.open(uri: target.uri, connections: 2)
        _ = try store.load(dump)
        let before = try target.storedBytes()

        let refusal = #expect(throws: AdmitError.self) { try store.load(dump) }
        #expect(refusal?.kind == .conflict)
        #expect(
            refusal?.message
                == "the PostgreSQL database already holds an installation (2 institutions, 7 entries, 1 staff member); copy into an empty database")
        #expect(try target.storedBytes() == before)

        // Records of a server that ran on it meanwhile, without any installation, are not mixed in either.
        let other = try TestDatabase()
        let otherStore = try PostgresStore.open(uri: other.uri, connections: 1)
        try otherStore.write {
            try $0.append(
                AuditEvent(
                    at: Date(), actor: "web sign-in form", action: .staffSignInFailed, sessionID: nil,
                    detail: .init(name: "carol", reason: "unknown")))
        }
        let stray = #expect(throws: AdmitError.self) { try otherStore.load(dump) }
        #expect(stray?.message == "the PostgreSQL database already holds records (1 in audit_event); copy into an empty database")
        #expect(try Self.rowCount("entry", in: other) == 0)
    }

    @Test func aDumpOfAnotherSchemaIsRefusedBeforeAnythingIsWritten() throws {
        var dump = try Self.installation().fixture.sqlite.dump()
        dump.schema = "v6"
        let target = try TestDatabase()
        let store = try PostgresStore.open(uri: target.uri, connections: 1)
        let refusal = #expect(throws: AdmitError.self) { try store.load(dump) }
        #expect(
            refusal?.message
                == "the database to copy is at schema v6 and this Admit's PostgreSQL schema is v8; copy with the version of Admit that made it")
        #expect(try Self.rowCount("institution", in: target) == 0)
    }
}
