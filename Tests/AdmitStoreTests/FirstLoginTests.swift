import AdmitCore
import AdmitCrypto
import Foundation
import Testing

let maria = CandidateDetails(givenName: "Maria", familyName: "Garcia")
let newPassword = "Tr0ub4dor&3horse"

@Suite struct FirstLoginTests {
    @Test(arguments: StoreKind.all) func aGenericLoginBecomesAPersonalOneExactlyOnce(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slip = try fixture.slips(1)[0]
        let admissions = fixture.admissions
        #expect(
            try admissions.signIn(institution: "gb042", username: slip.username.lowercased(), password: slip.password!)
                == .registrationRequired(session: fixture.session))

        // Typed as grouped on the slip: K7QM-4XPA-9R.
        let outcome = try admissions.register(
            institution: "GB042", username: slip.username,
            password: CredentialPolicy.grouped(slip.password!), details: maria, newPassword: newPassword)
        #expect(outcome.personalUsername == "maria.garcia")

        let stored = try fixture.entry(slip)
        #expect(stored.storedState == .converted && stored.sealedPassword == nil && stored.registeredAt != nil)
        #expect(stored.passwordHash?.hasPrefix("$argon2id$v=19$") == true)
        #expect(stored.details == maria)

        let again = #expect(throws: AdmitError.self) {
            try admissions.signIn(institution: "GB042", username: slip.username, password: slip.password!)
        }
        #expect(again == SignInRefusal.alreadyRegistered)
        #expect(
            try admissions.signIn(institution: "GB042", username: "Maria.Garcia", password: newPassword)
                == .signedIn(username: "maria.garcia", session: fixture.session))
        #expect(try fixture.entry(slip).lastSignInAt != nil)
    }

    @Test(arguments: StoreKind.all) func everyRefusalWithoutTheRightPasswordIsTheSameSentence(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slips = try fixture.slips(4)
        let admissions = fixture.admissions
        try admissions.withdraw(session: fixture.session, entries: [slips[1].entryID])
        try admissions.register(
            institution: "GB042", username: slips[2].username, password: slips[2].password!, details: maria, newPassword: newPassword)

        let attempts: [(String, String, String)] = [
            ("GB042", "NOSUCHUS", slips[0].password!),  // unknown username
            ("GB042", slips[0].username, "WRONGPASS2"),  // wrong password
            ("GB043", slips[0].username, slips[0].password!),  // another institution
            ("G", slips[0].username, slips[0].password!),  // not an institution ID
            ("GB042", slips[1].username, slips[1].password!),  // withdrawn, right password
            ("GB042", slips[2].username, "WRONGPASS2"),  // registered, wrong generic password
            ("GB042", "maria.garcia", "not the password"),  // personal, wrong password
            ("GB042", "maria.garcia", slips[2].password!),  // personal username with the slip's password
        ]
        for (institution, username, password) in attempts {
            let error = #expect(throws: AdmitError.self) { try admissions.signIn(institution: institution, username: username, password: password) }
            #expect(error == SignInRefusal.invalid, "\(institution) \(username)")
        }
        let register = #expect(throws: AdmitError.self) {
            try admissions.register(
                institution: "GB042", username: "maria.garcia", password: newPassword, details: maria, newPassword: "An0ther-Passw0rd")
        }
        #expect(register == SignInRefusal.invalid)
    }

    @Test(arguments: StoreKind.all) func fiveFailuresLockTheEntryWithAGrowingWait(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slip = try fixture.slips(1)[0]
        let admissions = fixture.admissions
        func signIn(_ password: String) -> AdmitError? {
            do {
                _ = try admissions.signIn(institution: "GB042", username: slip.username, password: password)
                return nil
            } catch let error as AdmitError { return error } catch { return AdmitError(below: error) }
        }
        for _ in 1...5 { #expect(signIn("WRONGPASS2") == SignInRefusal.invalid) }
        // Locked for a minute: even the right password gets the same answer.
        #expect(signIn(slip.password!) == SignInRefusal.invalid)
        fixture.clock.advance(by: 59)
        #expect(signIn(slip.password!) == SignInRefusal.invalid)
        fixture.clock.advance(by: 1)
        #expect(signIn("WRONGPASS2") == SignInRefusal.invalid)  // the 6th failure: locked for 2 minutes
        fixture.clock.advance(by: 119)
        #expect(signIn(slip.password!) == SignInRefusal.invalid)
        fixture.clock.advance(by: 1)
        #expect(signIn(slip.password!) == nil)  // registration required: the count starts again
        #expect(try fixture.entry(slip).failedAttempts == 0)
        for _ in 1...4 { #expect(signIn("WRONGPASS2") == SignInRefusal.invalid) }
        #expect(signIn(slip.password!) == nil)

        let actions = try admissions.auditEvents(session: fixture.session).map(\.action)
        #expect(actions.filter { $0 == .lockedOut }.count == 2)
        #expect(actions.filter { $0 == .signInFailed }.count == 6 + 3 + 4)
    }

    @Test(arguments: StoreKind.all) func unusedLoginsExpireAfter90DaysOrAtTheSessionsEnd(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slip = try fixture.slips(1)[0]
        fixture.clock.advance(by: 90 * 86_400)
        let expired = #expect(throws: AdmitError.self) {
            try fixture.admissions.signIn(institution: "GB042", username: slip.username, password: slip.password!)
        }
        #expect(expired == SignInRefusal.expired)
        let wrong = #expect(throws: AdmitError.self) {
            try fixture.admissions.signIn(institution: "GB042", username: slip.username, password: "WRONGPASS2")
        }
        #expect(wrong == SignInRefusal.invalid)

        let ending = try Fixture(kind, endsAt: Date(timeIntervalSince1970: 1_790_000_000 + 3 * 86_400))
        let early = try ending.slips(1)[0]
        ending.clock.advance(by: 3 * 86_400)
        let error = #expect(throws: AdmitError.self) {
            try ending.admissions.register(
                institution: "GB042", username: early.username, password: early.password!, details: maria, newPassword: newPassword)
        }
        #expect(error == SignInRefusal.expired)
    }

    @Test(arguments: StoreKind.all) func aRefusedRegistrationChangesNothing(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind, requiring: [.email])
        let slip = try fixture.slips(1)[0]
        let before = try fixture.entry(slip)
        for (details, password) in [
            (maria, newPassword), (CandidateDetails(givenName: "Maria", familyName: "Garcia", email: "m@example.org"), "password1"),
        ] {
            #expect(throws: AdmitError.self) {
                try fixture.admissions.register(
                    institution: "GB042", username: slip.username, password: slip.password!, details: details, newPassword: password)
            }
        }
        #expect(try fixture.entry(slip) == before)
    }

    @Test(arguments: StoreKind.all) func theDatabaseHoldsHashesAndNoNewPassword(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind, hasher: .owasp)
        let slips = try fixture.slips(3)
        let chosen = ["Correct-Horse-1", "Battery-Staple-2", "Purple-Monkey-3"]
        for (slip, password) in zip(slips, chosen) {
            try fixture.admissions.register(
                institution: "GB042", username: slip.username, password: slip.password!, details: maria, newPassword: password)
        }
        let bytes = try fixture.storedBytes()
        #expect(bytes.range(of: Data("$argon2id$v=19$m=19456,t=2,p=1$".utf8)) != nil)
        for secret in chosen + slips.map(\.password!) {
            #expect(bytes.range(of: Data(secret.utf8)) == nil)
        }
        #expect(try fixture.admissions.entries(of: fixture.session).map(\.personalUsername) == ["maria.garcia", "maria.garcia2", "maria.garcia3"])
    }

    @Test(arguments: StoreKind.all) func aWeakerStoredHashIsUpgradedAtTheNextSignIn(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slip = try fixture.slips(1)[0]
        try fixture.admissions.register(
            institution: "GB042", username: slip.username, password: slip.password!, details: maria, newPassword: newPassword)
        #expect(try fixture.entry(slip).passwordHash?.contains("m=1024,t=1,p=1") == true)

        let stronger = Admissions(store: fixture.store, dataKey: fixture.keySource, actor: "tester")
        _ = try stronger.signIn(institution: "GB042", username: "maria.garcia", password: newPassword)
        let upgraded = try #require(try fixture.entry(slip).passwordHash)
        #expect(upgraded.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        #expect(PasswordHasher.verify(newPassword, against: upgraded))
    }

    @Test(arguments: StoreKind.all) func fiveHundredMariaGarciasGetFiveHundredUsernames(_ kind: StoreKind) async throws {
        let fixture = try Fixture(kind)
        let slips = try fixture.slips(500)
        let admissions = fixture.admissions
        let usernames = try await withThrowingTaskGroup(of: String.self) { group in
            for slip in slips {
                group.addTask {
                    try admissions.register(
                        institution: "GB042", username: slip.username, password: slip.password!,
                        details: maria, newPassword: newPassword
                    ).personalUsername
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let expected = ["maria.garcia"] + (2...500).map { "maria.garcia\($0)" }
        #expect(Set(usernames) == Set(expected))
        #expect(usernames.count == 500)
        #expect(try fixture.admissions.report(session: fixture.session).counts[.converted] == 500)
    }

    @Test(arguments: StoreKind.all) func personalUsernamesAreUniquePerInstitution(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        try fixture.admissions.addInstitution(code: "FR075", name: "Lycée Voltaire")
        let paris = try fixture.admissions.createSession(institution: "FR075", name: "Bac blanc")
        let here = try fixture.slips(1)[0]
        let there = try fixture.slips(1, to: paris)[0]
        #expect(
            try fixture.admissions.register(
                institution: "GB042", username: here.username, password: here.password!, details: maria, newPassword: newPassword
            ).personalUsername == "maria.garcia")
        #expect(
            try fixture.admissions.register(
                institution: "FR075", username: there.username, password: there.password!, details: maria, newPassword: newPassword
            ).personalUsername == "maria.garcia")
    }
}
