import AdmitCore
import Foundation
import Testing

@Suite struct LifeCycleTests {
    let utc = TimeZone(identifier: "UTC")!
    let created = Date(timeIntervalSince1970: 1_790_000_000)

    func entry(expiresAt: Date, state: EntryState = .issued) -> Entry {
        Entry(
            id: UUID(), sessionID: UUID(), batchID: UUID(), number: 1, username: "K7QM4XPA", sealedPassword: nil,
            storedState: state, createdAt: created, expiresAt: expiresAt, institutionCode: "GB042")
    }

    @Test func anIssuedEntryExpiresAtItsExpiryTime() {
        let expiry = created.addingTimeInterval(Entry.validity)
        #expect(entry(expiresAt: expiry).state(at: expiry.addingTimeInterval(-1)) == .issued)
        #expect(entry(expiresAt: expiry).state(at: expiry) == .expired)
        #expect(entry(expiresAt: expiry, state: .converted).state(at: expiry) == .converted)
        #expect(entry(expiresAt: expiry, state: .withdrawn).state(at: expiry) == .withdrawn)
    }

    @Test func aDateAloneMeansTheWholeDay() throws {
        let start = try SessionDate.parse("2026-12-01", as: .start, timeZone: utc)
        let end = try SessionDate.parse("2026-12-01", as: .end, timeZone: utc)
        #expect(start == ISO8601DateFormatter().date(from: "2026-12-01T00:00:00Z"))
        #expect(end == ISO8601DateFormatter().date(from: "2026-12-01T23:59:59Z"))
    }

    @Test func timesAreReadInTheLocalZoneUnlessTheyCarryAnOffset() throws {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        #expect(
            try SessionDate.parse("2026-12-01T09:00", as: .start, timeZone: berlin)
                == ISO8601DateFormatter().date(from: "2026-12-01T08:00:00Z"))
        #expect(
            try SessionDate.parse("2026-12-01T09:00:00Z", as: .start, timeZone: berlin)
                == ISO8601DateFormatter().date(from: "2026-12-01T09:00:00Z"))
    }

    @Test(arguments: ["2026-02-30", "tomorrow", "2026-13-01", "01/12/2026", ""])
    func impossibleDatesAreRefused(text: String) {
        #expect(throws: AdmitError.self) { try SessionDate.parse(text, as: .start, timeZone: utc) }
    }

    @Test func aSessionIsClosedOnceItsEndHasPassed() {
        let session = TestSession(
            id: UUID(), institutionCode: "GB042", name: "June", startsAt: nil,
            endsAt: created, createdAt: created)
        #expect(!session.isClosed(at: created.addingTimeInterval(-1)))
        #expect(session.isClosed(at: created))
    }
}

@Suite struct EntryNumbersTests {
    @Test func numbersAreWrittenAsRanges() {
        #expect(EntryNumbers([1, 2, 3, 5, 7, 8, 100]).description == "1-3,5,7-8,100")
        #expect(EntryNumbers(1...100_000).description == "1-100000")
        #expect(EntryNumbers(1...100_000).count == 100_000)
        #expect(EntryNumbers([]).description == "")
    }
}
