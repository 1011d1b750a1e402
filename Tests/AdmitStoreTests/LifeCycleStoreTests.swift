import AdmitCore
import Foundation
import Testing

@Suite struct ExpiryTests {
    @Test(arguments: StoreKind.all) func unusedLoginsExpireAfter90Days(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 3))
        fixture.clock.advance(by: 90 * 86_400 - 1)
        #expect(try fixture.admissions.entries(of: fixture.session, filter: .init(state: .issued)).count == 3)
        fixture.clock.advance(by: 1)
        #expect(try fixture.admissions.entries(of: fixture.session, filter: .init(state: .issued)).isEmpty)
        #expect(try fixture.admissions.entries(of: fixture.session, filter: .init(state: .expired)).count == 3)
    }

    @Test(arguments: StoreKind.all) func unusedLoginsExpireWhenTheSessionEndsIfThatIsSooner(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind, endsAt: Date(timeIntervalSince1970: 1_790_000_000 + 10 * 86_400))
        try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 2))
        fixture.clock.advance(by: 10 * 86_400)
        #expect(try fixture.admissions.report(session: fixture.session).counts[.expired] == 2)
        // An expired login has nothing to hand out.
        let sheet = CapturedSheet()
        try fixture.admissions.export(session: fixture.session, filter: .init(), to: [fixture.capture(sheet)])
        #expect(sheet.rows.allSatisfy { $0.password == nil && $0.state == .expired })
    }
}

@Suite struct WithdrawTests {
    @Test(arguments: StoreKind.all) func aWithdrawnEntryLosesItsPasswordButKeepsItsRow(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 3))
        let target = try fixture.admissions.entries(of: fixture.session)[1]
        let outcome = try fixture.admissions.withdraw(session: fixture.session, entries: [target.guid])
        #expect(outcome.withdrawn == [target.guid])

        let stored = try fixture.store.read { try $0.entries(ids: [target.guid]) }
        #expect(stored.first?.storedState == .withdrawn && stored.first?.sealedPassword == nil)
        let sheet = CapturedSheet()
        try fixture.admissions.export(session: fixture.session, filter: .init(), to: [fixture.capture(sheet)])
        #expect(sheet.rows.map { $0.password == nil } == [false, true, false])
        #expect(try fixture.admissions.withdraw(session: fixture.session, entries: [target.guid]).alreadyWithdrawn == [target.guid])
    }

    @Test(arguments: StoreKind.all) func anUnknownGUIDRefusesTheWholeWithdrawal(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 2))
        let known = try fixture.admissions.entries(of: fixture.session)[0].guid
        let error = #expect(throws: AdmitError.self) {
            try fixture.admissions.withdraw(session: fixture.session, entries: [known, UUID()])
        }
        #expect(error?.kind == .notFound)
        #expect(try fixture.admissions.entries(of: fixture.session, filter: .init(state: .withdrawn)).isEmpty)
    }

    @Test(arguments: StoreKind.all) func everyDisclosureAndWithdrawalIsAuditedWithoutSecrets(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let sheet = CapturedSheet()
        let batch = try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 4), files: [fixture.capture(sheet)])
        let entries = try fixture.admissions.entries(of: fixture.session)
        try fixture.admissions.export(
            session: fixture.session, filter: .init(entryIDs: [entries[0].guid, entries[2].guid, entries[1].guid]),
            to: [fixture.capture(CapturedSheet(), name: "again.capture")])
        try fixture.admissions.withdraw(session: fixture.session, entries: [entries[3].guid])

        let events = try fixture.admissions.auditEvents(session: fixture.session)
        #expect(events.map(\.action) == [.sessionCreated, .batchCreated, .entriesExported, .entriesWithdrawn])
        #expect(events.allSatisfy { $0.actor == "tester" })
        #expect(events[1].detail.batch == batch.batch.id && events[1].detail.count == 4 && events[1].detail.numbers == "1-4")
        #expect(events[2].detail.numbers == "1-3" && events[2].detail.files?.first?.hasSuffix("again.capture") == true)
        #expect(events[3].detail.entries == [entries[3].guid])
        let text = String(decoding: try JSONEncoder().encode(events), as: UTF8.self)
        #expect(sheet.rows.compactMap(\.password).allSatisfy { !text.contains($0) })
    }
}
