import AdmitCore
@testable import AdmitStore
import Foundation
import GRDB
import Testing

@Suite struct DatabaseTests {
    @Test func aDatabaseFromANewerVersionIsRefusedAndLeftAlone() throws {
        let fixture = try Fixture()
        try fixture.store.writer.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999')")
        }
        let error = #expect(throws: AdmitError.self) { try SQLiteStore.open(at: fixture.databaseFiles[0]) }
        #expect(error?.message.contains("made by a newer version of Admit") == true)
    }

    @Test func theDatabaseAndItsKeyArePrivate() throws {
        let fixture = try Fixture()
        try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 1))
        for name in ["admit.sqlite", "admit.key"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: fixture.folder.appendingPathComponent(name).path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(name)")
        }
    }

    @Test func aLostKeyIsNotSilentlyReplaced() throws {
        let fixture = try Fixture()
        try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 2))
        try FileManager.default.removeItem(at: fixture.folder.appendingPathComponent("admit.key"))
        let fresh = Admissions(store: fixture.store, dataKey: .file(fixture.folder.appendingPathComponent("admit.key")), actor: "tester")
        let error = #expect(throws: AdmitError.self) { try fresh.addBatch(to: fixture.session, try BatchRequest(size: 1)) }
        #expect(error?.message.contains("is missing") == true)
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("admit.key").path))
        #expect(try fixture.entryCount() == 2)
    }

    @Test func sessionsAreFoundByIdOrUniqueName() throws {
        let fixture = try Fixture()
        #expect(try fixture.admissions.session("June Maths").id == fixture.session.id)
        #expect(try fixture.admissions.session(fixture.session.id.lowercased).id == fixture.session.id)
        _ = try fixture.admissions.createSession(institution: "GB042", name: "June Maths")
        let error = #expect(throws: AdmitError.self) { try fixture.admissions.session("June Maths") }
        #expect(error?.kind == .conflict)
        #expect(try fixture.admissions.sessions(search: "june").count == 2)
        #expect(try fixture.admissions.sessions(search: "%").isEmpty)
    }
}
