import AdmitCore
import AdmitPostgresTestTools
import Foundation
import Testing

/// Two `admit serve` processes on one PostgreSQL database, as two stores of their own in one process: what one
/// server's SQLite could serialise by itself, the database now has to.
@Suite(.postgres) struct TwoServersTests {
    /// The fixture's server and a second one on the same database, by index: even on the first, odd on the second.
    static func servers(_ fixture: Fixture) throws -> [Admissions] {
        [fixture.admissions, try fixture.anotherServer()]
    }

    @Test func fiftyRegistrationsOfOneSlipAtOnceMakeOne() throws {
        let fixture = try Fixture(.postgres)
        let servers = try Self.servers(fixture)
        let slip = try fixture.slips(1)[0]
        let results = onThreads(50) { index in
            try servers[index % 2].register(
                institution: "GB042", username: slip.username, password: slip.password!, details: maria,
                newPassword: "Tr0ub4dor&3horse-\(index)")
        }
        let won = results.compactMap { try? $0.get() }
        #expect(won.count == 1 && won.first?.personalUsername == "maria.garcia")
        let refusals = results.compactMap { result -> (any Error)? in if case .failure(let error) = result { error } else { nil } }
        #expect(refusals.count == 49)
        #expect(
            refusals.allSatisfy { ($0 as? AdmitError) == SignInRefusal.alreadyRegistered },
            "\(refusals.filter { ($0 as? AdmitError) != SignInRefusal.alreadyRegistered })")
        #expect(try fixture.entry(slip).storedState == .converted)
        #expect(try fixture.admissions.auditEvents(session: fixture.session).filter { $0.action == .registered }.count == 1)
    }

    @Test func fiftyCandidatesOfOneNameAtOnceGetFiftyUsernames() throws {
        let fixture = try Fixture(.postgres)
        let servers = try Self.servers(fixture)
        let slips = try fixture.slips(50)
        let results = onThreads(50) { index in
            try servers[index % 2].register(
                institution: "GB042", username: slips[index].username, password: slips[index].password!,
                details: maria, newPassword: newPassword
            ).personalUsername
        }
        let usernames = try results.map { try $0.get() }
        #expect(Set(usernames) == Set(["maria.garcia"] + (2...50).map { "maria.garcia\($0)" }))
        #expect(try fixture.admissions.report(session: fixture.session).counts[.converted] == 50)
    }

    @Test func twoBatchesIntoOneSessionAtOnceShareNoEntryNumber() throws {
        let fixture = try Fixture(.postgres)
        let servers = try Self.servers(fixture)
        let results = onThreads(2) { index in
            try servers[index].addBatch(to: fixture.session, try BatchRequest(size: 250)).batch.id
        }
        #expect(Set(try results.map { try $0.get() }).count == 2)
        let numbers = try fixture.admissions.entries(of: fixture.session).map(\.number)
        #expect(numbers.sorted() == Array(1...500))
    }

    @Test func tenWrongPasswordsAtOnceAreAllCounted() throws {
        let fixture = try Fixture(.postgres)
        let servers = try Self.servers(fixture)
        let slip = try fixture.slips(1)[0]
        _ = onThreads(10) { index in
            try servers[index % 2].signIn(institution: "GB042", username: slip.username, password: "WRONGPASS2")
        }
        // Every failure counted is on record, none lost to a race; once locked, the rest are turned away uncounted.
        let counted = try fixture.admissions.auditEvents(session: fixture.session)
            .filter { $0.action == .signInFailed && $0.detail.reason == "wrong password" }
        let entry = try fixture.entry(slip)
        #expect(entry.failedAttempts == counted.count)
        #expect(entry.failedAttempts >= Lockout.threshold && entry.lockedUntil != nil)
    }

    @Test func oneRequestKeyOnBothServersAtOnceMakesOneBatch() throws {
        let fixture = try Fixture(.postgres)
        let servers = try Self.servers(fixture)
        let results = onThreads(2) { index in
            try servers[index].addBatch(to: fixture.session, try BatchRequest(size: 20, requestKey: "k-1"))
        }
        let outcomes = try results.map { try $0.get() }
        #expect(outcomes.filter(\.created).count == 1)
        #expect(Set(outcomes.map(\.batch.id)).count == 1)
        #expect(try fixture.entryCount() == 20)
        #expect(try fixture.admissions.auditEvents(session: fixture.session).filter { $0.action == .batchCreated }.count == 1)
    }

    /// A candidate who signs in on one server registers on the other, through the grant the first one kept.
    @Test func aFirstLoginSplitAcrossTheServersRegistersOnce() throws {
        let fixture = try Fixture(.postgres)
        let servers = try Self.servers(fixture)
        let slip = try fixture.slips(1)[0]
        let (outcome, grant) = try servers[0].signInWithGrant(institution: "GB042", username: slip.username, password: slip.password!)
        #expect(outcome == .registrationRequired(session: fixture.session))
        let registered = try servers[1].register(grant: try #require(grant), details: maria, newPassword: newPassword)
        #expect(registered.personalUsername == "maria.garcia")
        #expect(
            try servers[0].signIn(institution: "GB042", username: "maria.garcia", password: newPassword)
                == .signedIn(username: "maria.garcia", session: fixture.session))
    }
}
