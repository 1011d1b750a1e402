import AdmitCore
import AdmitCrypto
import Foundation
import Testing

/// What several servers share through the store: first-login grants, browser sessions, checked rosters, the
/// counters and allocations, and imports whose process stopped.
@Suite struct SharedStateTests {
    @Test(arguments: StoreKind.all) func aGrantRegistersWithoutTheSlipsPasswordAndOnlyOnce(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slip = try fixture.slips(1)[0]
        let (outcome, grant) = try fixture.admissions.signInWithGrant(institution: "GB042", username: slip.username, password: slip.password!)
        #expect(outcome == .registrationRequired(session: fixture.session))
        let token = try #require(grant)

        let registered = try fixture.admissions.register(grant: token, details: maria, newPassword: newPassword)
        #expect(registered.personalUsername == "maria.garcia")
        #expect(try fixture.entry(slip).storedState == .converted)

        // Used: another password through the same grant is "already registered", never a second registration.
        let again = #expect(throws: AdmitError.self) {
            try fixture.admissions.register(grant: token, details: maria, newPassword: "An0ther-Passw0rd!")
        }
        #expect(again == SignInRefusal.alreadyRegistered)
    }

    @Test(arguments: StoreKind.all) func aRegistrationSentAgainAfterItsAnswerWasLostGetsTheSameUsername(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slips = try fixture.slips(2)
        let (_, grant) = try fixture.admissions.signInWithGrant(institution: "GB042", username: slips[0].username, password: slips[0].password!)
        let first = try fixture.admissions.register(grant: try #require(grant), details: maria, newPassword: newPassword)
        let second = try fixture.admissions.register(grant: try #require(grant), details: maria, newPassword: newPassword)
        #expect(first.personalUsername == "maria.garcia" && second == first)

        // The same with the slip's password instead of a grant (the CLI and the API).
        let direct = try fixture.admissions.register(
            institution: "GB042", username: slips[1].username, password: slips[1].password!,
            details: maria, newPassword: newPassword)
        let repeated = try fixture.admissions.register(
            institution: "GB042", username: slips[1].username, password: slips[1].password!,
            details: maria, newPassword: newPassword)
        #expect(direct.personalUsername == "maria.garcia2" && repeated == direct)
    }

    @Test(arguments: StoreKind.all) func anExpiredGrantAsksToSignInAgain(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slip = try fixture.slips(1)[0]
        let (_, grant) = try fixture.admissions.signInWithGrant(institution: "GB042", username: slip.username, password: slip.password!)
        fixture.clock.advance(by: FirstLoginGrant.lifetime + 1)
        let refusal = #expect(throws: AdmitError.self) {
            try fixture.admissions.register(grant: try #require(grant), details: maria, newPassword: newPassword)
        }
        #expect(refusal == SignInRefusal.timedOut)
        #expect(try fixture.admissions.deleteExpired() == 1)
        let unknown = #expect(throws: AdmitError.self) { try fixture.admissions.register(grant: "made-up", details: maria, newPassword: newPassword) }
        #expect(unknown == SignInRefusal.timedOut)
    }

    @Test(arguments: StoreKind.all) func theNewPasswordMayNotBeTheSlipsEvenThroughAGrant(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slip = try fixture.slips(1)[0]
        let (_, grant) = try fixture.admissions.signInWithGrant(institution: "GB042", username: slip.username, password: slip.password!)
        let refusal = #expect(throws: AdmitError.self) {
            try fixture.admissions.register(
                grant: try #require(grant), details: maria, newPassword: CredentialPolicy.grouped(slip.password!).lowercased())
        }
        #expect(refusal?.field == .newPassword && refusal?.message.contains("slip") == true)
    }

    @Test(arguments: StoreKind.all) func browserSessionsAreKeptUnderTheirCookiesDigestUntilTheyExpire(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let admissions = fixture.admissions
        #expect(try admissions.createWebSession(key: "cookie-1", value: Array("one".utf8), expiresIn: 60))
        #expect(try !admissions.createWebSession(key: "cookie-1", value: Array("two".utf8), expiresIn: 60))
        try admissions.saveWebSession(key: "cookie-1", value: Array("three".utf8), expiresIn: nil)
        #expect(try admissions.webSession(key: "cookie-1") == Array("three".utf8))
        // The cookie itself is nowhere in the store.
        #expect(try fixture.storedBytes().range(of: Data("cookie-1".utf8)) == nil)

        fixture.clock.advance(by: 61)
        #expect(try admissions.webSession(key: "cookie-1") == nil)
        #expect(try admissions.deleteExpired() == 1)
        try admissions.saveWebSession(key: "cookie-2", value: [1], expiresIn: 60)
        try admissions.deleteWebSession(key: "cookie-2")
        #expect(try admissions.webSession(key: "cookie-2") == nil)
    }

    @Test(arguments: StoreKind.all) func aCheckedRosterIsSealedAndTakenOnceByTheMemberWhoKeptIt(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let upload = roster(
            [["C1", "Ana", "Lopez", "", "Secret-Pass-41"]], header: ["Candidate Number", "Given Name", "Family Name", "Email", "Password"])
        let member = try fixture.admissions.addStaff(username: "cora", role: .coordinator, institution: "GB042", password: "Correct-Horse-9").id
        let other = try fixture.admissions.addStaff(username: "ivan", role: .invigilator, institution: "GB042", password: "Correct-Horse-9").id
        let token = try fixture.admissions.keepPendingImport(upload, session: fixture.session.id, staff: member)
        #expect(try fixture.storedBytes().range(of: Data("Secret-Pass-41".utf8)) == nil)

        #expect(try fixture.admissions.takePendingImport(token, session: fixture.session.id, staff: other) == nil)
        let taken = try #require(try fixture.admissions.takePendingImport(token, session: fixture.session.id, staff: member))
        #expect(taken.rows.map(\.cells) == upload.rows.map(\.cells) && taken.header == upload.header)
        #expect(try fixture.admissions.takePendingImport(token, session: fixture.session.id, staff: member) == nil)
    }

    @Test(arguments: StoreKind.all) func eachMemberKeepsTheirOwnNewestCheckedRostersWhateverOthersUpload(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let upload = roster([["C1", "Ana", "Lopez", ""]], header: ["Candidate Number", "Given Name", "Family Name", "Email"])
        let busy = try fixture.admissions.addStaff(username: "cora", role: .coordinator, institution: "GB042", password: "Correct-Horse-9").id
        let other = try fixture.admissions.addStaff(username: "dan", role: .coordinator, institution: "GB042", password: "Correct-Horse-9").id
        let others = try fixture.admissions.keepPendingImport(upload, session: fixture.session.id, staff: other)
        var tokens: [String] = []
        for _ in 0..<(PendingImport.perMember + 2) {
            fixture.clock.advance(by: 1)
            tokens.append(try fixture.admissions.keepPendingImport(upload, session: fixture.session.id, staff: busy))
        }
        // The busy member's two oldest checks made room for their newest; the other member's check is untouched.
        #expect(try fixture.admissions.takePendingImport(others, session: fixture.session.id, staff: other) != nil)
        for (index, token) in tokens.enumerated() {
            let kept = try fixture.admissions.takePendingImport(token, session: fixture.session.id, staff: busy) != nil
            #expect(kept == (index >= 2), "check \(index + 1) of \(tokens.count)")
        }
    }

    @Test(arguments: StoreKind.all) func anImportWhoseProcessStoppedIsMarkedFailedWithTheReason(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        var job = ImportJob(
            id: UUID(), sessionID: fixture.session.id, fileName: "roster.csv", format: .csv, header: ["Given Name"],
            state: .inProgress, createdAt: fixture.clock.now(), createdBy: "tester", rowCount: 1200,
            counts: ImportCounts(new: 500))
        job.heldBy = "exam-2:4242"
        job.heldUntil = fixture.clock.now().addingTimeInterval(300)
        try fixture.store.write { [job] store in
            try store.insert(job)
            try store.update(job)
        }
        #expect(try fixture.admissions.importJobs(session: fixture.session).first?.state == .inProgress)

        fixture.clock.advance(by: 301)
        let listed = try #require(try fixture.admissions.importJobs(session: fixture.session).first)
        #expect(listed.state == .failed)
        #expect(listed.failure == "the process running it (exam-2:4242) stopped after 500 of 1200 rows; import the rows it did not reach again")
        #expect(try fixture.admissions.auditEvents(session: fixture.session).contains { $0.action == .importFinished })
    }

    @Test(arguments: StoreKind.all) func concurrentBatchesNeverShareAnEntryNumber(_ kind: StoreKind) async throws {
        let fixture = try Fixture(kind)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask { _ = try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 50)) }
            }
            try await group.waitForAll()
        }
        let numbers = try fixture.admissions.entries(of: fixture.session).map(\.number)
        #expect(numbers.sorted() == Array(1...200))
    }

    @Test(arguments: StoreKind.all) func concurrentWrongPasswordsAllCount(_ kind: StoreKind) async throws {
        let fixture = try Fixture(kind)
        let slip = try fixture.slips(1)[0]
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<10 {
                group.addTask { _ = try? fixture.admissions.signIn(institution: "GB042", username: slip.username, password: "WRONGPASS2") }
            }
        }
        // Every failure counted is on record, none lost to a race; once locked, the rest are turned away uncounted.
        let counted = try fixture.admissions.auditEvents(session: fixture.session).filter {
            $0.action == .signInFailed && $0.detail.reason == "wrong password"
        }
        let entry = try fixture.entry(slip)
        #expect(entry.failedAttempts == counted.count && entry.failedAttempts >= Lockout.threshold && entry.lockedUntil != nil)
    }
}
