import AdmitCore
import AdmitCrypto
import Foundation
import Testing

@Suite struct BatchTests {
    @Test(arguments: StoreKind.all) func aBatchOf500LeavesNoPasswordInTheDatabaseFiles(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let sheet = CapturedSheet()
        try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 500), files: [fixture.capture(sheet)])
        let passwords = sheet.rows.compactMap(\.password)
        #expect(passwords.count == 500)
        #expect(Set(passwords).count == 500)

        let bytes = try fixture.storedBytes()
        #expect(bytes.count > 100_000)
        // Usernames are stored in plain: finding them shows the scan reads the data.
        #expect(sheet.rows.allSatisfy { bytes.range(of: Data($0.username.utf8)) != nil })
        let leaked = passwords.filter { bytes.range(of: Data($0.utf8)) != nil }
        #expect(leaked.isEmpty, "\(leaked.count) passwords found in the database files")
    }

    /// A batch is stored in one statement (PostgreSQL) or row by row (SQLite): either way every slip's row is there,
    /// in order, and its password signs in.
    @Test(arguments: StoreKind.all) func everySlipOfABatchOf500IsStoredAndSignsIn(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        _ = try fixture.slips(2)
        let slips = try fixture.slips(500)
        let entries = try fixture.store.read { try $0.entries(ids: slips.map(\.entryID)) }.sorted { $0.number < $1.number }
        #expect(entries.map(\.number) == Array(3...502))
        #expect(entries.map(\.username) == slips.map(\.username))
        #expect(entries.allSatisfy { $0.sealedPassword != nil && $0.storedState == .issued })
        for slip in [slips[0], slips[250], slips[499]] {
            #expect(
                try fixture.admissions.signIn(institution: "GB042", username: slip.username, password: slip.password!)
                    == .registrationRequired(session: fixture.session))
        }
    }

    /// Withdrawal and registration destroy a sealed password: no copy stays in the database, its WAL or its
    /// shared memory while the database is still open (as under a running server, where nothing checkpoints on close).
    @Test func aDestroyedSealedPasswordLeavesNoCopyInTheDatabaseFiles() throws {
        let fixture = try Fixture(.sqlite)
        let slips = try fixture.slips(20)
        let sealed = try slips.map { try #require(try fixture.entry($0).sealedPassword) }
        try fixture.admissions.withdraw(session: fixture.session, entries: slips.prefix(5).map(\.entryID))
        for slip in slips[5..<15] {
            try fixture.admissions.register(
                institution: "GB042", username: slip.username, password: slip.password!,
                details: CandidateDetails(givenName: "Ana", familyName: "Lopez \(slip.number)"), newPassword: newPassword)
        }
        var bytes = Data()
        for file in fixture.databaseFiles where FileManager.default.fileExists(atPath: file.path) {
            bytes.append(try Data(contentsOf: file))
        }
        let destroyed = sealed.prefix(15).filter { bytes.range(of: Data($0)) != nil }
        #expect(destroyed.isEmpty, "\(destroyed.count) of 15 destroyed sealed passwords are still in the database's files")
        // The scan reads the data: the 5 still issued are found.
        #expect(sealed.suffix(5).allSatisfy { bytes.range(of: Data($0)) != nil })
    }

    @Test(arguments: StoreKind.all) func aBatchThatFailsHalfWayLeavesNoEntry(_ kind: StoreKind) throws {
        // Enough randomness for the data key, 500 usernames (14 bytes each) and about 250 entries (password 16,
        // GUID 16, nonce 12), then RAND_bytes fails: half-way, after 250 entries were inserted.
        let fixture = try Fixture(kind, random: FailingRandom(bytesBeforeFailure: 32 + 500 * 14 + 250 * 44))
        let sheet = CapturedSheet()
        #expect(throws: CryptoError.self) {
            try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 500), files: [fixture.capture(sheet)])
        }
        #expect(sheet.rows.isEmpty, "no file gets a row of a batch that is not made")
        #expect(try fixture.entryCount() == 0)
        #expect(try fixture.admissions.auditEvents(session: fixture.session).allSatisfy { $0.action != .batchCreated })
        #expect(!FileManager.default.fileExists(atPath: fixture.folder.appendingPathComponent("logins.capture").path))
    }

    @Test(arguments: StoreKind.all) func aFileThatCannotBeWrittenUndoesTheBatch(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let sheet = CapturedSheet(failOnRow: 300)
        #expect(throws: CryptoError.self) {
            try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 500), files: [fixture.capture(sheet)])
        }
        #expect(try fixture.entryCount() == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.folder.path).allSatisfy { !$0.contains("capture") })
    }

    @Test(arguments: StoreKind.all) func aRepeatedRequestKeyReturnsTheFirstBatch(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let first = try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 20, requestKey: "k-1"))
        let sheet = CapturedSheet()
        let second = try fixture.admissions.addBatch(
            to: fixture.session, try BatchRequest(size: 20, requestKey: "k-1"),
            files: [fixture.capture(sheet)])
        #expect(first.created && !second.created)
        #expect(second.batch.id == first.batch.id)
        #expect(try fixture.entryCount() == 20)
        #expect(sheet.rows.count == 20 && sheet.rows.allSatisfy { $0.password != nil })

        let error = #expect(throws: AdmitError.self) {
            try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 30, requestKey: "k-1"))
        }
        #expect(error?.kind == .conflict)
        #expect(try fixture.entryCount() == 20)
    }

    @Test(arguments: StoreKind.all) func usernamesNeverRepeatEvenWhenTheGeneratorDoes(_ kind: StoreKind) throws {
        let random = CollidingRandom(repeats: 3)
        let fixture = try Fixture(kind, random: random)
        let sheet = CapturedSheet()
        try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 500), files: [fixture.capture(sheet)])
        let usernames = sheet.rows.map(\.username)
        #expect(usernames.first == "22222222")
        #expect(usernames.filter { $0 == "22222222" }.count == 1)
        #expect(Set(usernames).count == 500)

        // The next batch draws "22222222" again, which the database already has.
        random.reset(repeats: 1)
        let second = CapturedSheet()
        try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 500), files: [fixture.capture(second, name: "second.capture")])
        #expect(!second.rows.map(\.username).contains("22222222"))
        #expect(Set(usernames + second.rows.map(\.username)).count == 1000)
    }

    @Test(arguments: StoreKind.all) func usernamesAreUniqueAcrossTheInstallation(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        for _ in 0..<20 { try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 500)) }
        let other = try fixture.admissions.createSession(institution: "GB042", name: "June Physics")
        try fixture.admissions.addBatch(to: other, try BatchRequest(size: 500))
        let usernames =
            try fixture.admissions.entries(of: fixture.session).map(\.username)
            + fixture.admissions.entries(of: other).map(\.username)
        #expect(usernames.count == 10_500)
        #expect(Set(usernames).count == 10_500)
    }

    @Test(arguments: StoreKind.all) func entriesAreNumberedOnAcrossBatches(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 3))
        try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 2))
        #expect(try fixture.admissions.entries(of: fixture.session).map(\.number) == [1, 2, 3, 4, 5])
    }

    @Test(arguments: StoreKind.all) func aClosedSessionTakesNoEntries(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind, endsAt: Date(timeIntervalSince1970: 1_790_000_000 + 3600))
        fixture.clock.advance(by: 7200)
        let error = #expect(throws: AdmitError.self) {
            try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 5))
        }
        #expect(error?.kind == .closed)
        #expect(try fixture.entryCount() == 0)
    }
}
