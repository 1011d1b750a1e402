import AdmitCore
import Foundation
import Testing

/// `entries unlock` and `session update`: a locked candidate and a delayed exam, mended.
@Suite struct UnlockAndSessionUpdateTests {
    @Test(arguments: StoreKind.all) func afterAnUnlockTheRightPasswordWorksAtOnce(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slips = try fixture.slips(2)
        let admissions = fixture.admissions
        try admissions.register(
            institution: "GB042", username: slips[0].username, password: slips[0].password!, details: maria, newPassword: newPassword)
        for _ in 1...Lockout.threshold {
            _ = try? admissions.signIn(institution: "GB042", username: "maria.garcia", password: "not the password")
        }
        let locked = #expect(throws: AdmitError.self) { try admissions.signIn(institution: "GB042", username: "maria.garcia", password: newPassword) }
        #expect(locked == SignInRefusal.invalid)
        let report = try admissions.report(session: fixture.session, only: .locked)
        #expect(report.entries.map(\.number) == [1] && report.entries[0].lockedUntil == fixture.clock.now().addingTimeInterval(60))
        #expect(report.counts == [.converted: 1] && report.filter == .locked)

        let outcome = try admissions.unlock(session: fixture.session, entries: [slips[0].entryID, slips[1].entryID])
        #expect(outcome.unlocked.map(\.number) == [1] && outcome.notLocked.map(\.number) == [2])
        #expect(
            try admissions.signIn(institution: "GB042", username: "maria.garcia", password: newPassword)
                == .signedIn(username: "maria.garcia", session: fixture.session))
        #expect(try admissions.report(session: fixture.session, only: .locked).entries.isEmpty)
        let record = try #require(try admissions.auditEvents(session: fixture.session).last { $0.action == .entriesUnlocked })
        #expect(record.detail.entries == [slips[0].entryID] && record.actor == "tester")
    }

    @Test(arguments: StoreKind.all) func afterANewEndAnExpiredLoginSignsInAgain(_ kind: StoreKind) throws {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let fixture = try Fixture(kind, endsAt: start.addingTimeInterval(86_400))
        let slips = try fixture.slips(2)
        let admissions = fixture.admissions
        try admissions.register(
            institution: "GB042", username: slips[1].username, password: slips[1].password!, details: maria, newPassword: newPassword)
        fixture.clock.advance(by: 2 * 86_400)
        let expired = #expect(throws: AdmitError.self) {
            try admissions.signIn(institution: "GB042", username: slips[0].username, password: slips[0].password!)
        }
        #expect(expired == SignInRefusal.expired)

        let newEnd = start.addingTimeInterval(7 * 86_400)
        let outcome = try admissions.updateSession(fixture.session, SessionChanges(endsAt: newEnd))
        #expect(outcome.movedExpiries == 1 && outcome.session.endsAt == newEnd)
        #expect(try admissions.session(fixture.session.id.lowercased).endsAt == newEnd)
        #expect(
            try admissions.signIn(institution: "GB042", username: slips[0].username, password: slips[0].password!)
                == .registrationRequired(session: outcome.session))
        #expect(try fixture.entry(slips[0]).expiresAt == newEnd)

        // Ninety days from the slip still bound it: a later end does not stretch a login past them.
        try admissions.updateSession(outcome.session, SessionChanges(endsAt: start.addingTimeInterval(200 * 86_400)))
        #expect(try fixture.entry(slips[0]).expiresAt == start.addingTimeInterval(Entry.validity))

        let record = try #require(try admissions.auditEvents(session: fixture.session).last)
        #expect(record.action == .sessionUpdated && record.detail.reason == "changed ends" && record.detail.count == 1)
    }

    @Test(arguments: StoreKind.all) func badDatesAndTakenNamesAreRefusedAndNothingChanges(_ kind: StoreKind) throws {
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        let fixture = try Fixture(kind, endsAt: start.addingTimeInterval(86_400))
        let admissions = fixture.admissions
        _ = try fixture.slips(1)
        _ = try admissions.createSession(institution: "GB042", name: "June Physics")
        let before = try admissions.session(fixture.session.id.lowercased)
        let cases: [(SessionChanges, String)] = [
            (SessionChanges(name: "June Physics"), "the institution GB042 already has a session named \"June Physics\"; choose another name"),
            (SessionChanges(startsAt: start.addingTimeInterval(2 * 86_400)), "a session must end after it starts; nothing was changed"),
            (
                SessionChanges(startsAt: start, endsAt: start.addingTimeInterval(-60), force: true),
                "a session must end after it starts; nothing was changed"
            ),
            (
                SessionChanges(endsAt: start.addingTimeInterval(-60)),
                "that end is in the past, so the session's 1 unused login would stop working at once; force the change to end it anyway"
            ),
            (SessionChanges(), "name a setting of the session to change"),
        ]
        for (changes, message) in cases {
            let error = #expect(throws: AdmitError.self) { try admissions.updateSession(fixture.session, changes) }
            #expect(error?.message == message)
            #expect(try admissions.session(fixture.session.id.lowercased) == before)
        }
        let duplicate = #expect(throws: AdmitError.self) { try admissions.createSession(institution: "GB042", name: "June Maths") }
        #expect(duplicate?.message == "the institution GB042 already has a session named \"June Maths\"; choose another name")
        // Another institution may use the name.
        try admissions.addInstitution(code: "US007", name: "Southfield High")
        _ = try admissions.createSession(institution: "US007", name: "June Maths")

        // Forced, the end moves into the past and the unused login expires with it.
        let forced = try admissions.updateSession(fixture.session, SessionChanges(endsAt: start.addingTimeInterval(-60), force: true))
        #expect(forced.movedExpiries == 1)
        #expect(try admissions.entries(of: fixture.session).map(\.state) == [.expired])
    }

    @Test(arguments: StoreKind.all) func theOtherSettingsChangeAndTheNameStillNamesOneSession(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let admissions = fixture.admissions
        let changes = SessionChanges(
            name: "June Maths Paper 2", startsAt: Date(timeIntervalSince1970: 1_790_100_000),
            usernameTemplate: try UsernameTemplate("{g}{family}{candidate}"), requiredDetails: [.email],
            signInURL: "https://exams.example.org/")
        let updated = try admissions.updateSession(fixture.session, changes).session
        #expect(updated.name == "June Maths Paper 2" && updated.usernameTemplate.description == "{g}{family}{candidate}")
        #expect(updated.requiredDetails == [.email, .candidate] && updated.signInURL == "https://exams.example.org/")
        #expect(try admissions.session("June Maths Paper 2") == updated)
        #expect(throws: AdmitError.self) { try admissions.session("June Maths") }
        let record = try #require(try admissions.auditEvents(session: fixture.session).last)
        #expect(record.detail.reason == "changed name, starts, username template, required details, sign-in address")
    }
}
