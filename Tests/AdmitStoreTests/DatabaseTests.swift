import AdmitCore
import Foundation
import GRDB
import Testing

@testable import AdmitSQLite

@Suite struct DatabaseTests {
    /// Another installation's key: well-formed, and not this database's.
    static let foreignKey = Data((0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }).base64EncodedString()

    @Test func aDatabaseFromANewerVersionIsRefusedAndLeftAlone() throws {
        let fixture = try Fixture(.sqlite)
        try fixture.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v999')")
        let error = #expect(throws: AdmitError.self) { try SQLiteStore.open(at: fixture.databaseFiles[0]) }
        #expect(error?.message.contains("made by a newer version of Admit") == true)
    }

    @Test func theDatabaseAndItsKeyArePrivate() throws {
        let fixture = try Fixture(.sqlite)
        try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 1))
        for name in ["admit.sqlite", "admit.key"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: fixture.folder.appendingPathComponent(name).path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(name)")
        }
    }

    @Test(arguments: StoreKind.all) func aLostKeyIsNotSilentlyReplaced(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 2))
        try FileManager.default.removeItem(at: fixture.folder.appendingPathComponent("admit.key"))
        // A key file made on first need is not made again while sealed secrets need the lost one.
        let fresh = Admissions(store: fixture.store, dataKey: .file(fixture.folder.appendingPathComponent("admit.key")), actor: "tester")
        let error = #expect(throws: AdmitError.self) { try fresh.addBatch(to: fixture.session, try BatchRequest(size: 1)) }
        #expect(error?.message.contains("is missing") == true)
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("admit.key").path))
        #expect(try fixture.entryCount() == 2)
    }

    /// A well-formed key of another installation seals nothing and opens nothing: refused before any change.
    @Test(arguments: StoreKind.all) func aForeignDataKeyIsRefusedBeforeAnythingIsWritten(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slips = try fixture.slips(3)
        let foreign = Admissions(store: fixture.store, dataKey: .environment(Self.foreignKey), actor: "tester")
        let error = #expect(throws: AdmitError.self) { try foreign.addBatch(to: fixture.session, try BatchRequest(size: 5)) }
        #expect(error?.message == "ADMIT_DATA_KEY is not the data key this database's secrets are sealed under; use the key it was made with")
        #expect(throws: AdmitError.self) {
            try foreign.export(session: fixture.session, filter: EntryFilter(), to: [fixture.capture(CapturedSheet())])
        }
        #expect(try fixture.entryCount() == 3)
        #expect(try fixture.admissions.auditEvents(session: fixture.session).filter { $0.action == .batchCreated }.count == 1)
        // The right key still opens every slip.
        let sheet = CapturedSheet()
        try fixture.admissions.export(session: fixture.session, filter: EntryFilter(), to: [fixture.capture(sheet, name: "again.capture")])
        #expect(sheet.rows.map(\.password) == slips.map(\.password))
    }

    /// A database from before keys were recorded is checked against a secret it holds, then records its key.
    @Test(arguments: StoreKind.all) func aDatabaseThatRecordedNoKeyIsCheckedAgainstItsSecretsThenRecordsIt(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        _ = try fixture.slips(2)
        try fixture.execute("DELETE FROM data_key")
        let foreign = Admissions(store: fixture.store, dataKey: .environment(Self.foreignKey), actor: "tester")
        #expect(throws: AdmitError.self) { try foreign.addBatch(to: fixture.session, try BatchRequest(size: 1)) }
        #expect(try fixture.store.read { try $0.dataKeyCheck() } == nil)
        let again = Admissions(store: fixture.store, dataKey: fixture.keySource, actor: "tester")
        try again.addBatch(to: fixture.session, try BatchRequest(size: 1))
        #expect(try fixture.store.read { try $0.dataKeyCheck() } != nil)
        #expect(try fixture.entryCount() == 3)
    }

    @Test(arguments: StoreKind.all) func sessionsAreFoundByIdOrUniqueName(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        #expect(try fixture.admissions.session("June Maths").id == fixture.session.id)
        #expect(try fixture.admissions.session(fixture.session.id.lowercased).id == fixture.session.id)
        // A name is unique within an institution, not across them.
        try fixture.admissions.addInstitution(code: "US007", name: "Southfield High")
        _ = try fixture.admissions.createSession(institution: "US007", name: "June Maths")
        let error = #expect(throws: AdmitError.self) { try fixture.admissions.session("June Maths") }
        #expect(error?.kind == .conflict)
        #expect(try fixture.admissions.sessions(search: "june").count == 2)
        #expect(try fixture.admissions.sessions(search: "%").isEmpty)
    }
}

@Suite struct UpgradeTests {
    @Test func aVersion1DatabaseOpensAndUpgrades() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-upgrade-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("admit.sqlite")
        let old = try DatabaseQueue(path: url.path)
        try Schema.migrator.migrate(old, upTo: "v1")
        try old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO institution VALUES ('GB042', 'Northfield', '2026-01-01 00:00:00.000');
                    INSERT INTO test_session VALUES ('6b0e839f-45cb-4d12-9f61-a03b8e8e7919', 'GB042', 'June', NULL, NULL, '2026-01-01 00:00:00.000');
                    INSERT INTO batch VALUES ('60c859a8-b40f-4b2a-9326-0ea03079b4aa', '6b0e839f-45cb-4d12-9f61-a03b8e8e7919', NULL, 1, '2026-01-01 00:00:00.000', 'x');
                    INSERT INTO entry VALUES ('60204821-427e-4b32-983a-da09f5fde073', '6b0e839f-45cb-4d12-9f61-a03b8e8e7919',
                        '60c859a8-b40f-4b2a-9326-0ea03079b4aa', 1, 'K7QM4XPA', NULL, 'issued', '2026-01-01 00:00:00.000', '2026-04-01 00:00:00.000', NULL);
                    """)
        }
        try old.close()
        let store = try SQLiteStore.open(at: url)
        let entry = try #require(try store.read { try $0.entries(ids: [UUID(uuidString: "60204821-427e-4b32-983a-da09f5fde073")!]) }.first)
        #expect(entry.institutionCode == "GB042" && entry.failedAttempts == 0 && entry.personalUsername == nil)
        #expect(entry.kind == .generic && entry.username == "K7QM4XPA" && entry.groupID == nil)
        #expect(try store.read { try $0.session(id: entry.sessionID) }?.usernameTemplate == .standard)
    }
}
