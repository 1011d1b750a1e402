import AdmitCore
import AdmitCrypto
import Foundation
import Testing

/// `entries reset`: a new temporary password for a login that was locked out of, forgotten or left to expire.
@Suite struct ResetTests {
    /// Resets entries and returns the sheet's rows, as a printed slip gives them.
    func reset(_ fixture: Fixture, _ ids: [UUID]) throws -> [CredentialRow] {
        let sheet = CapturedSheet()
        try fixture.admissions.reset(session: fixture.session, entries: ids, files: [fixture.capture(sheet, name: "reset-\(UUID())")])
        return sheet.rows
    }

    @Test(arguments: StoreKind.all) func aRegisteredEntryKeepsItsUsernameLosesItsPasswordAndOnlyChoosesANewOne(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slip = try fixture.slips(1)[0]
        let admissions = fixture.admissions
        try admissions.register(institution: "GB042", username: slip.username, password: slip.password!, details: maria, newPassword: newPassword)

        let rows = try reset(fixture, [slip.entryID])
        let row = try #require(rows.first)
        #expect(rows.count == 1 && row.username == "maria.garcia" && row.candidate == "Maria Garcia" && row.state == .issued)
        let temporary = try #require(row.password)
        #expect(temporary.count == 10 && temporary.allSatisfy(CredentialPolicy.alphabet.contains) && temporary != slip.password)

        // The old personal password stops working at once.
        let old = #expect(throws: AdmitError.self) { try admissions.signIn(institution: "GB042", username: "maria.garcia", password: newPassword) }
        #expect(old == SignInRefusal.invalid)
        // The temporary one goes with the personal username and only asks for a new password.
        #expect(
            try admissions.signIn(institution: "GB042", username: "Maria.Garcia", password: temporary)
                == .passwordChangeRequired(username: "maria.garcia", session: fixture.session))
        // The slip's login stays used up, with the old slip password or the new one.
        let slipLogin = #expect(throws: AdmitError.self) {
            try admissions.signIn(institution: "GB042", username: slip.username, password: slip.password!)
        }
        #expect(slipLogin == SignInRefusal.alreadyRegistered)
        let slipWithNew = #expect(throws: AdmitError.self) {
            try admissions.signIn(institution: "GB042", username: slip.username, password: temporary)
        }
        #expect(slipWithNew == SignInRefusal.invalid)

        let chosen = "An0ther-Passw0rd!"
        let outcome = try admissions.register(institution: "GB042", username: "maria.garcia", password: temporary, details: nil, newPassword: chosen)
        #expect(outcome.personalUsername == "maria.garcia")
        #expect(
            try admissions.signIn(institution: "GB042", username: "maria.garcia", password: chosen)
                == .signedIn(username: "maria.garcia", session: fixture.session))
        // A registration sent again (its answer was lost) gets the same username.
        #expect(
            try admissions.register(institution: "GB042", username: "maria.garcia", password: temporary, details: nil, newPassword: chosen)
                .personalUsername == "maria.garcia")

        let stored = try fixture.entry(slip)
        #expect(stored.storedState == .converted && stored.sealedPassword == nil && stored.details == maria && stored.resetAt != nil)
        #expect(try admissions.entries(of: fixture.session).map(\.personalUsername) == ["maria.garcia"])
    }

    @Test(arguments: StoreKind.all) func aNewPasswordThroughTheGrantOfASignIn(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slip = try fixture.slips(1)[0]
        let admissions = fixture.admissions
        try admissions.register(institution: "GB042", username: slip.username, password: slip.password!, details: maria, newPassword: newPassword)
        let temporary = try #require(try reset(fixture, [slip.entryID]).first?.password)
        let (outcome, grant) = try admissions.signInWithGrant(institution: "GB042", username: "maria.garcia", password: temporary)
        #expect(outcome == .passwordChangeRequired(username: "maria.garcia", session: fixture.session))
        let chosen = "An0ther-Passw0rd!"
        #expect(try admissions.register(grant: try #require(grant), details: nil, newPassword: chosen).personalUsername == "maria.garcia")
        #expect(
            try admissions.signIn(institution: "GB042", username: "maria.garcia", password: chosen)
                == .signedIn(username: "maria.garcia", session: fixture.session))
    }

    @Test(arguments: StoreKind.all) func anIssuedOrExpiredGenericLoginKeepsItsUsernameAndIsIssuedAgain(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slips = try fixture.slips(2)
        let admissions = fixture.admissions
        // A grant from a sign-in with the old password does not outlive it.
        let grant = try #require(
            try admissions.signInWithGrant(institution: "GB042", username: slips[0].username, password: slips[0].password!).grant)
        fixture.clock.advance(by: Entry.validity)
        #expect(try admissions.entries(of: fixture.session).map(\.state) == [.expired, .expired])

        let rows = try reset(fixture, [slips[1].entryID, slips[0].entryID])
        #expect(rows.map(\.number) == [1, 2] && rows.map(\.username) == slips.map(\.username))
        #expect(rows.allSatisfy { $0.state == .issued && $0.password != nil && $0.candidate == nil })
        #expect(
            try admissions.entries(of: fixture.session).allSatisfy {
                $0.state == .issued && $0.expiresAt == fixture.clock.now().addingTimeInterval(Entry.validity)
            })

        #expect(
            try admissions.signIn(institution: "GB042", username: slips[0].username.lowercased(), password: rows[0].password!)
                == .registrationRequired(session: fixture.session))
        let old = #expect(throws: AdmitError.self) {
            try admissions.signIn(institution: "GB042", username: slips[1].username, password: slips[1].password!)
        }
        #expect(old == SignInRefusal.invalid)
        let oldGrant = #expect(throws: AdmitError.self) { try admissions.register(grant: grant, details: maria, newPassword: newPassword) }
        #expect(oldGrant == SignInRefusal.timedOut)
        // Registering after a reset is an ordinary first login: details, a personal username.
        #expect(
            try admissions.register(
                institution: "GB042", username: slips[1].username, password: rows[1].password!, details: maria,
                newPassword: newPassword
            ).personalUsername == "maria.garcia")
    }

    @Test(arguments: StoreKind.all) func aNamedEntryIsResetLikeARegisteredOne(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let admissions = fixture.admissions
        _ = try admissions.importRoster(into: fixture.session, roster([["10442", "Ana", "Lopez", ""]]))
        let entry = try #require(try admissions.entries(of: fixture.session).first)
        let temporary = try #require(try reset(fixture, [entry.guid]).first?.password)
        #expect(
            try admissions.signIn(institution: "GB042", username: "ana.lopez", password: temporary)
                == .passwordChangeRequired(username: "ana.lopez", session: fixture.session))
    }

    @Test(arguments: StoreKind.all) func withdrawnEntriesAndAnEndedSessionAreRefusedAndNothingChanges(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind, endsAt: Date(timeIntervalSince1970: 1_790_000_000 + 86_400))
        let slips = try fixture.slips(2)
        let admissions = fixture.admissions
        try admissions.withdraw(session: fixture.session, entries: [slips[0].entryID])
        let before = try fixture.entry(slips[1])
        let sheet = CapturedSheet()
        let withdrawn = #expect(throws: AdmitError.self) {
            try admissions.reset(session: fixture.session, entries: [slips[1].entryID, slips[0].entryID], files: [fixture.capture(sheet)])
        }
        #expect(withdrawn?.message == "entry #1 of the session \"June Maths\" is withdrawn and cannot be reset; nothing was changed")
        #expect(sheet.rows.isEmpty)
        #expect(try fixture.entry(slips[1]) == before)
        #expect(!(try admissions.auditEvents(session: fixture.session)).contains { $0.action == .entriesReset })

        fixture.clock.advance(by: 86_400)
        let ended = #expect(throws: AdmitError.self) { try admissions.reset(session: fixture.session, entries: [slips[1].entryID]) }
        #expect(ended?.message.hasPrefix("the session \"June Maths\" has ended") == true)
        #expect(try fixture.entry(slips[1]) == before)
    }

    @Test(arguments: StoreKind.all) func aSheetThatFailsAfterTheResetSaysSoAndHowToPrintItAgain(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slip = try fixture.slips(1)[0]
        let before = try fixture.entry(slip)
        let failing = CapturedSheet(failOnRow: 1)
        let error = #expect(throws: AdmitError.self) {
            try fixture.admissions.reset(session: fixture.session, entries: [slip.entryID], files: [fixture.capture(failing)])
        }
        #expect(
            error?.message
                == "the entry was reset, but the sheet could not be written (no space left on device); print their sheet again"
        )
        #expect(try fixture.entry(slip).sealedPassword != before.sealedPassword)
        // The reprint gives the password now in force.
        let sheet = CapturedSheet()
        try fixture.admissions.reprint(session: fixture.session, entries: [slip.entryID], to: [fixture.capture(sheet)])
        let password = try #require(sheet.rows.first?.password)
        #expect(
            try fixture.admissions.signIn(institution: "GB042", username: slip.username, password: password)
                == .registrationRequired(session: fixture.session))
    }

    @Test(arguments: StoreKind.all) func theAuditRecordNamesTheEntriesAndFilesButNoSecret(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slips = try fixture.slips(2)
        try fixture.admissions.register(
            institution: "GB042", username: slips[0].username, password: slips[0].password!, details: maria, newPassword: newPassword)
        let rows = try reset(fixture, slips.map(\.entryID))
        let events = try fixture.admissions.auditEvents(session: fixture.session)
        let record = try #require(events.last)
        #expect(record.action == .entriesReset && record.actor == "tester" && record.detail.count == 2)
        #expect(record.detail.entries == slips.map(\.entryID) && record.detail.files?.count == 1)
        let json = String(decoding: try JSONEncoder().encode(events), as: UTF8.self)
        for secret in rows.compactMap(\.password) + slips.compactMap(\.password) + [newPassword] {
            #expect(!json.contains(secret) && !json.contains(CredentialPolicy.grouped(secret)))
        }
    }

    @Test(arguments: StoreKind.all) func aReprintRefusesEntriesWithNothingToHandOut(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slips = try fixture.slips(2)
        try fixture.admissions.register(
            institution: "GB042", username: slips[0].username, password: slips[0].password!, details: maria, newPassword: newPassword)
        let sheet = CapturedSheet()
        let error = #expect(throws: AdmitError.self) {
            try fixture.admissions.reprint(session: fixture.session, entries: slips.map(\.entryID), to: [fixture.capture(sheet)])
        }
        #expect(
            error?.message
                == "entry #1 (converted) of the session \"June Maths\" has no password to print again; give a registered or expired entry a new password by resetting it"
        )
        try fixture.admissions.reprint(session: fixture.session, entries: [slips[1].entryID], to: [fixture.capture(sheet)])
        #expect(sheet.rows.map(\.password) == [slips[1].password])
        #expect(try fixture.admissions.auditEvents(session: fixture.session).last?.action == .entriesExported)
    }
}
