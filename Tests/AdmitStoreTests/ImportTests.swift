import AdmitCore
import AdmitCrypto
import Foundation
import Testing

/// A roster as a coordinator's file gives it.
func roster(
    _ rows: [[String]], header: [String] = ["Candidate Number", "Given Name", "Family Name", "Email"],
    defaultPassword: String? = nil
) -> RosterUpload {
    RosterUpload(
        fileName: "roster.csv", format: .csv, header: header,
        rows: rows.enumerated().map { RosterUpload.Row(number: $0.offset + 2, cells: $0.element) }, defaultPassword: defaultPassword)
}

/// A table file whose contents stay in memory.
final class CapturedTable: @unchecked Sendable {
    var table: TableContent?

    func request(in folder: URL, _ name: String = "table-\(UUID()).csv") -> TableFileRequest {
        TableFileRequest(target: folder.appendingPathComponent(name)) { table, _ in self.table = table }
    }

    func column(_ name: String) throws -> [String] {
        guard let table, let index = table.header.firstIndex(of: name) else { throw CryptoError("no column \(name) was written") }
        return table.rows.map { $0[index] }
    }
}

extension Fixture {
    func files(of job: ImportJob) throws -> [ImportFileKind: CapturedTable] {
        let captured = Dictionary(uniqueKeysWithValues: ImportFileKind.allCases.map { ($0, CapturedTable()) })
        try admissions.writeImportFiles(of: job, to: captured.mapValues { $0.request(in: folder) })
        return captured
    }

    func jobCount() throws -> Int { try admissions.importJobs(session: session).count }
}

@Suite struct ImportTests {
    /// 1,000 candidates, three of them wrong: rows 12 (no family name), 500 (bad e-mail) and 1001 (date of birth).
    static func thousand() -> RosterUpload {
        var upload = roster(
            (1...1000).map { n in ["C\(n)", "Given\(n)", "Family\(n)", "c\(n)@example.org", "2008-05-31"] },
            header: ["Candidate Number", "Given Name", "Family Name", "Email", "Date of Birth"])
        upload.rows[10].cells[2] = ""
        upload.rows[498].cells[3] = "nobody@"
        upload.rows[999].cells[4] = "2008-02-30"
        return upload
    }

    @Test(arguments: StoreKind.all) func verifyReportsEveryRowAndChangesNothing(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let errorFile = CapturedTable()
        let report = try fixture.admissions.verifyImport(into: fixture.session, Self.thousand(), errorFile: errorFile.request(in: fixture.folder))
        #expect(report.job == nil)
        #expect(report.counts == ImportCounts(new: 997, errors: 3))
        #expect(report.errors.map(\.row) == [12, 500, 1001])
        #expect(report.errors[0].message == "The family name is missing")
        #expect(report.errors[1].message.contains("\"nobody@\" does not look like an e-mail address"))
        #expect(report.errors[2].message.contains("2008-02-30"))
        #expect(try fixture.entryCount() == 0 && fixture.jobCount() == 0)
        let errors = try errorFile.column("Error")
        #expect(errors.count == 1000 && errors.filter { !$0.isEmpty }.count == 3)
    }

    @Test(arguments: StoreKind.all) func anImportCommitsTheValidRowsAndReportsTheOthers(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let report = try fixture.admissions.importRoster(into: fixture.session, Self.thousand())
        let job = try #require(report.job)
        #expect(job.state == .completedWithErrors)
        #expect(report.counts == ImportCounts(new: 997, errors: 3))
        #expect(report.errors.map(\.row) == [12, 500, 1001])
        #expect(try fixture.entryCount() == 997)
        #expect(try fixture.admissions.importJob(String(job.id.uuidString.prefix(8))) == job)
        #expect(try fixture.admissions.importErrors(of: job).map(\.row) == [12, 500, 1001])

        let entries = try fixture.admissions.entries(of: fixture.session)
        #expect(entries.allSatisfy { $0.kind == .named && $0.state == .issued })
        #expect(entries.first?.username == "given1.family1" && entries.first?.candidateNumber == "C1")

        let files = try fixture.files(of: job)
        #expect(try files[.completed]!.column("Result").count == 997)
        #expect(try files[.completed]!.column("Password").allSatisfy { $0.count == 10 })
        let errorFile = files[.errors]!
        #expect(try errorFile.column("Error").filter { !$0.isEmpty }.count == 3)
        // What was made carries its GUID, so the corrected file imports again without making anything twice.
        #expect(try errorFile.column("Entry GUID").filter { !$0.isEmpty }.count == 997)
    }

    @Test(arguments: StoreKind.all) func theCorrectedErrorFileImportsOnlyWhatWasMissing(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let job = try #require(try fixture.admissions.importRoster(into: fixture.session, Self.thousand()).job)
        let errorFile = try #require(try fixture.files(of: job)[.errors]?.table)
        var fixed = RosterUpload(
            fileName: "fixed.csv", format: .csv, header: errorFile.header,
            rows: errorFile.rows.enumerated().map { .init(number: $0.offset + 2, cells: $0.element) })
        fixed.rows[10].cells[2] = "Family11"
        fixed.rows[498].cells[3] = "c499@example.org"
        fixed.rows[999].cells[4] = "2008-02-28"
        let report = try fixture.admissions.importRoster(into: fixture.session, fixed)
        #expect(report.counts == ImportCounts(new: 3, unchanged: 997))
        #expect(try fixture.entryCount() == 1000)
        // The Error column is Admit's own: left out, not reported as a heading the file has.
        #expect(report.ignoredHeadings.isEmpty)
        #expect(try fixture.files(of: #require(report.job))[.errors]?.table?.header == errorFile.header)
    }

    @Test(arguments: StoreKind.all) func reimportingTheCompletedFileWithEditedNamesUpdatesThemAndCreatesNothing(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let first = try fixture.admissions.importRoster(
            into: fixture.session,
            roster([
                ["1001", "Maria", "Garcia", ""], ["1002", "Li", "Wei", "li@example.org"],
            ]))
        let firstJob = try #require(first.job)
        let completed = try #require(try fixture.files(of: firstJob)[.completed]?.table)
        var edited = RosterUpload(
            fileName: "completed.csv", format: .csv, header: completed.header,
            rows: completed.rows.enumerated().map { .init(number: $0.offset + 2, cells: $0.element) })
        edited.rows[0].cells[1] = "María José"
        let before = try fixture.admissions.entries(of: fixture.session)

        let again = try fixture.admissions.importRoster(into: fixture.session, edited)
        #expect(again.counts == ImportCounts(updated: 1, unchanged: 1))
        let after = try fixture.admissions.entries(of: fixture.session)
        #expect(after.map(\.guid) == before.map(\.guid))
        #expect(after[0].givenName == "María José" && after[0].username == "maria.garcia")
    }

    @Test(arguments: StoreKind.all) func twoCandidatesWithTheSameNameGetDistinctUsernames(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        _ = try fixture.admissions.importRoster(into: fixture.session, roster([["1", "Maria", "Garcia", ""], ["2", "María", "García", ""]]))
        #expect(try fixture.admissions.entries(of: fixture.session).map(\.username) == ["maria.garcia", "maria.garcia2"])
    }

    @Test(arguments: StoreKind.all) func theKeptFilesHoldNoPasswordFromTheUpload(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let secret = "Correct-Horse-Battery-77"
        let upload = roster([["1", "Maria", "Garcia", secret]], header: ["Candidate Number", "Given Name", "Family Name", "Password"])
        let job = try #require(try fixture.admissions.importRoster(into: fixture.session, upload).job)
        let files = try fixture.files(of: job)
        for kind in ImportFileKind.allCases {
            #expect(files[kind]?.table?.rows.flatMap { $0 }.contains(secret) == false, "\(kind) file")
        }
        #expect(try fixture.storedBytes().range(of: Data(secret.utf8)) == nil)
        // Nor a column of passwords under a heading that is no roster column.
        let other = roster([["2", "Li", "Wei", "Wachtwoord-Geheim-9"]], header: ["Candidate Number", "Given Name", "Family Name", "Initial PWD"])
        let otherJob = try #require(try fixture.admissions.importRoster(into: fixture.session, other).job)
        #expect(try fixture.files(of: otherJob)[.uploaded]?.column("Initial PWD") == [""])
        // The file's password is the candidate's temporary one.
        #expect(
            try fixture.admissions.signIn(institution: "GB042", username: "maria.garcia", password: secret)
                == .passwordChangeRequired(username: "maria.garcia", session: fixture.session))
    }

    @Test(arguments: StoreKind.all) func aNamedLoginsFirstSignInAsksOnlyForANewPassword(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let job = try #require(try fixture.admissions.importRoster(into: fixture.session, roster([["1001", "Maria", "Garcia", ""]])).job)
        let temporary = try #require(try fixture.files(of: job)[.completed]?.column("Password").first)
        let admissions = fixture.admissions
        #expect(
            try admissions.signIn(institution: "GB042", username: "maria.garcia", password: temporary.lowercased())
                == .passwordChangeRequired(username: "maria.garcia", session: fixture.session))

        let outcome = try admissions.register(
            institution: "GB042", username: "maria.garcia", password: temporary, details: nil,
            newPassword: newPassword)
        #expect(outcome.personalUsername == "maria.garcia")
        #expect(
            try admissions.signIn(institution: "GB042", username: "maria.garcia", password: newPassword)
                == .signedIn(username: "maria.garcia", session: fixture.session))
        #expect(throws: SignInRefusal.invalid) { try admissions.signIn(institution: "GB042", username: "maria.garcia", password: temporary) }
        let entry = try #require(try fixture.admissions.entries(of: fixture.session).first)
        #expect(entry.state == .converted && entry.givenName == "Maria" && entry.candidateNumber == "1001")
    }

    @Test(arguments: StoreKind.all) func aFileWithoutARequiredColumnIsRefusedAndRecordsNothing(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let upload = roster([["Maria", "Garcia"]], header: ["Vorname", "Surname"])
        let refusal = #expect(throws: AdmitError.self) { try fixture.admissions.importRoster(into: fixture.session, upload) }
        #expect(refusal?.message.hasPrefix("the file has no column for Given Name; it has: \"Vorname\", \"Surname\"") == true)
        #expect(try fixture.jobCount() == 0 && fixture.entryCount() == 0)

        var mapped = roster([["7", "Maria", "Garcia"]], header: ["Student ID", "Vorname", "Surname"])
        mapped.overrides = try RosterMapping.overrides(["given name = vorname"])
        let job = try #require(try fixture.admissions.importRoster(into: fixture.session, mapped).job)
        #expect(job.counts.new == 1)
        // The job's files are made from its headings alone, so a job read with choices still has them.
        let files = try fixture.files(of: job)
        #expect(try files[.completed]?.column("Vorname") == ["Maria"] && files[.completed]?.column("Username") == ["maria.garcia"])
    }

    @Test func theMappingSaysWhatIsWrongWithTheChoicesMade() {
        let header = ["Vorname", "Nachname", "Klasse"]
        #expect(RosterMapping.match(header: header, overrides: [:]).problem == .missing([.givenName, .familyName]))
        #expect(RosterMapping.match(header: header, overrides: [.givenName: "Name"]).problem == .unknownHeading(.givenName, "Name"))
        #expect(
            RosterMapping.match(header: header, overrides: [.givenName: "vorname", .familyName: "VORNAME"]).problem
                == .sharedHeading([.givenName, .familyName], "Vorname"))
        #expect(
            RosterMapping.match(header: ["First Name", "Given Name", "Surname"], overrides: [:]).problem
                == .ambiguous(.givenName, ["First Name", "Given Name"]))
        let chosen = RosterMapping.match(header: header, overrides: [.givenName: "Vorname", .familyName: "Nachname", .group: "Klasse"])
        #expect(chosen.problem == nil && chosen.columns == [.givenName: 0, .familyName: 1, .group: 2])
        #expect(RosterMapping.column(named: "E-mail Address") == .email && RosterMapping.column(named: "Maria") == nil)
        #expect(RosterMapping.isSecret("Access Code") && RosterMapping.isSecret("Temporary Password") && !RosterMapping.isSecret("Class"))
    }

    @Test func headingsMatchInAnyCaseSpacingAndUnderCommonSynonyms() throws {
        let mapping = try RosterMapping(header: ["student number", "FIRST NAME", "Last_Name", "E-mail", "D.O.B.", "Notes"])
        #expect(mapping.columns[.candidateNumber] == 0 && mapping.columns[.givenName] == 1 && mapping.columns[.familyName] == 2)
        #expect(mapping.columns[.email] == 3 && mapping.columns[.birthDate] == 4)
        #expect(mapping.ignored == ["Notes"])
        #expect(throws: AdmitError.self) { try RosterMapping(header: ["Candidate Number", "First Name", "Given Name", "Surname"]) }
    }

    @Test(arguments: StoreKind.all) func rowsThatClashAreAllReported(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        _ = try fixture.admissions.importRoster(into: fixture.session, roster([["500", "Ana", "Lopez", ""]]))
        let upload = roster(
            [
                ["1", "Maria", "Garcia", ""], ["1", "Marta", "Gil", ""],
                ["500", "Ana", "Lopez", ""],
            ] + [["2", "Li", "Wei", ""]], header: ["Candidate Number", "Given Name", "Family Name", "Username"])
        var withUsername = upload
        withUsername.rows[3].cells[3] = "ana.lopez"
        let report = try fixture.admissions.verifyImport(into: fixture.session, withUsername)
        #expect(report.errors.map(\.row) == [2, 3, 4, 5])
        #expect(report.errors[0].message.contains("also on row 3"))
        #expect(report.errors[2].message.contains("already belongs to entry #1"))
        #expect(report.errors[3].message.hasPrefix("The username ana.lopez is already taken"))
    }

    @Test(arguments: StoreKind.all) func anUpdateNeverChangesTheUsernameOrThePasswordNorAnUnknownGUID(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        _ = try fixture.admissions.importRoster(into: fixture.session, roster([["1", "Maria", "Garcia", ""]]))
        let guid = try #require(try fixture.admissions.entries(of: fixture.session).first?.guid.uuidString)
        let header = ["Entry GUID", "Candidate Number", "Given Name", "Family Name", "Username", "Password"]
        let report = try fixture.admissions.verifyImport(
            into: fixture.session,
            roster(
                [
                    [guid, "1", "Maria", "Garcia", "mgarcia", ""],
                    [guid.lowercased(), "1", "Maria", "Garcia", "", "Another-Password-1"],
                    [UUID().uuidString, "3", "Li", "Wei", "", ""],
                ], header: header))
        #expect(report.errors.count == 3)
        #expect(report.errors[0].message.contains("does not change an entry's username"))
        #expect(report.errors[1].message.contains("does not change an existing entry's password"))
        #expect(report.errors[2].message.hasPrefix("No entry of this session has the Entry GUID"))
    }

    @Test(arguments: StoreKind.all) func groupsAreMadeForTheSessionAndSelectEntries(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let header = ["Candidate Number", "Given Name", "Family Name", "Group"]
        _ = try fixture.admissions.importRoster(
            into: fixture.session,
            roster(
                [
                    ["1", "Maria", "Garcia", "Room 4"], ["2", "Li", "Wei", "room 4"], ["3", "Ana", "Lopez", "Hall"],
                ], header: header))
        let room = try fixture.admissions.entries(of: fixture.session, filter: EntryFilter(group: "ROOM 4"))
        #expect(room.map(\.candidateNumber) == ["1", "2"] && room.allSatisfy { $0.group == "Room 4" })
        let unknown = #expect(throws: AdmitError.self) {
            try fixture.admissions.entries(of: fixture.session, filter: EntryFilter(group: "Gym"))
        }
        #expect(unknown?.message == "the session \"June Maths\" has no group \"Gym\"; it has: Hall, Room 4")
    }

    @Test(arguments: StoreKind.all) func aPasswordInTheFileMustPassThePolicy(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let report = try fixture.admissions.verifyImport(
            into: fixture.session,
            roster(
                [["1", "Maria", "Garcia", "password"]],
                header: ["Candidate Number", "Given Name", "Family Name", "Password"]))
        #expect(report.errors.first?.message.hasPrefix("Password: ") == true)
        #expect(report.errors.first?.message.contains("password\"") == false)
    }

    @Test(arguments: StoreKind.all) func aJobThatStopsPartWayIsFailedAndKeepsWhatItCommitted(_ kind: StoreKind) throws {
        // Enough random bytes for the first 500 rows (a GUID, a password and a nonce each), not for the next 500.
        let fixture = try Fixture(kind, random: FailingRandom(bytesBeforeFailure: 30_000))
        let upload = roster((1...1000).map { ["\($0)", "Given\($0)", "Family\($0)", ""] })
        let refusal = #expect(throws: AdmitError.self) { try fixture.admissions.importRoster(into: fixture.session, upload) }
        #expect(refusal?.message.hasPrefix("the import stopped after 500 of 1000 rows") == true)
        let job = try #require(try fixture.admissions.importJobs(session: fixture.session).first)
        #expect(job.state == .failed && job.failure == "RAND_bytes failed" && job.counts.new == 500)
        #expect(try fixture.entryCount() == 500)
        let errors = try #require(try fixture.files(of: job)[.errors])
        #expect(try errors.column("Error").filter { $0.hasPrefix("Not processed") }.count == 500)
        #expect(try errors.column("Entry GUID").filter { !$0.isEmpty }.count == 500)
    }
}
