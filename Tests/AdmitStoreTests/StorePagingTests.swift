import AdmitCore
import Foundation
import Testing

/// Long lists are cut and filtered by the store, not in memory: a page of a session's entries, the page a new
/// batch starts on, the sessions of one institution, an import job by the first characters of its id.
@Suite struct StorePagingTests {
    @Test(arguments: StoreKind.all) func aPageOfEntriesAndThePageANewBatchStartsOn(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        _ = try fixture.slips(7)
        let second = try fixture.slips(4)
        let batch = try fixture.entry(second[0]).batchID
        let admissions = fixture.admissions

        let first = try admissions.entryPage(of: fixture.session, page: nil, size: 5)
        #expect(first.entries.map(\.number) == [1, 2, 3, 4, 5] && first.total == 11 && first.pages == 3 && first.page == 1)
        #expect(try admissions.entryPage(of: fixture.session, page: 3, size: 5).entries.map(\.number) == [11])
        #expect(try admissions.entryPage(of: fixture.session, page: 9, size: 5).page == 3)

        let showing = try admissions.entryPage(of: fixture.session, page: nil, size: 5, showing: batch)
        #expect(showing.page == 2 && showing.batchCount == 4 && showing.entries.map(\.number) == [6, 7, 8, 9, 10])
        // A page asked for wins over the batch's.
        #expect(try admissions.entryPage(of: fixture.session, page: 1, size: 5, showing: batch).page == 1)
    }

    @Test(arguments: StoreKind.all) func aMemberSeesTheSessionsOfTheirInstitutionOnly(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let admissions = fixture.admissions
        try admissions.addInstitution(code: "US007", name: "Southfield High")
        _ = try admissions.createSession(institution: "US007", name: "June Chemistry")
        let carol = try admissions.addStaff(username: "carol", role: .coordinator, institution: "GB042", password: "Staff-Horse-Battery-42")
        let root = try admissions.addStaff(username: "root", role: .admin, institution: nil, password: "Staff-Horse-Battery-42")
        #expect(try admissions.sessions(visibleTo: carol, search: "june").map(\.name) == ["June Maths"])
        #expect(try Set(admissions.sessions(visibleTo: root, search: "june").map(\.name)) == ["June Maths", "June Chemistry"])
        #expect(try admissions.sessions(visibleTo: carol, search: "chem").isEmpty)
    }

    @Test(arguments: StoreKind.all) func anImportJobIsFoundByTheFirstCharactersOfItsID(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let report = try fixture.admissions.importRoster(into: fixture.session, roster([["1", "Ana", "Núñez", "ana@example.org"]]))
        let job = try #require(report.job)
        let id = job.id.lowercased
        #expect(try fixture.admissions.importJob(String(id.prefix(8))).id == job.id)
        #expect(try fixture.admissions.importJob(id.uppercased()).id == job.id)
        #expect(throws: AdmitError.self) { try fixture.admissions.importJob("zzzzzzzz") }
        #expect(throws: AdmitError.self) { try fixture.admissions.importJob("%%%%%%%%") }
    }
}
