import AdmitTestTools
import Foundation
import Testing

/// Exam-day recovery on the staff pages (issue 13), as a coordinator and an invigilator do it in Chromium:
/// unlock, reset, a session moved past its end, find, the live report and the new batch's download. In the
/// serialized browser suite: one Chromium scenario at a time.
extension BrowserTests {
    static var coordinator: [String: Any] { ["staffUsername": "alice", "staffPassword": "Coordin8-Pass", "sessionName": "June Maths"] }
    static var invigilator: [String: Any] { ["staffUsername": "ivy", "staffPassword": "Watchful-Owl-7", "sessionName": "June Maths"] }

    @Test func aCoordinatorUnlocksACandidateLockedOutAndTheRightPasswordWorksAtOnce() throws {
        let site = try Site()
        let slip = try site.seed(entries: 2).slips[1]
        try site.addStaff("alice", role: "coordinator", password: "Coordin8-Pass")
        try site.serve()

        let seen = try site.browse(
            "coordinator_unlock",
            Self.coordinator.merging(
                ["institution": "GB042", "number": slip.number, "username": slip.username, "password": slip.password]) { $1 },
            as: UnlockSeen.self)
        #expect(seen.lockedAnswer == "Invalid institution ID, username or password.", "locked: even the right password is refused")
        #expect(!seen.lockedUntilBefore.isEmpty, "the session page shows until when the entry is locked")
        #expect(seen.flash == "Unlocked 1 entry; they can sign in again at once.")
        #expect(seen.lockedUntilAfter.isEmpty)
        #expect(seen.afterUnlockPath == "/register" && seen.afterUnlockHeading == "Your details and a new password")
        #expect(try site.stop() == 0)
        #expect(try site.audit().contains { $0.action == "entries.unlock" && $0.actor == "staff:alice" })
    }

    @Test func aCoordinatorResetsARegisteredCandidateWhoChoosesANewPasswordWithTheDownloadedSlip() throws {
        let site = try Site()
        let slip = try site.seed(entries: 2).slips[0]
        try site.admit(
            ["register", "--institution", "GB042", "--username", slip.username, "--given-name", "Maria", "--family-name", "Garcia"],
            input: "\(slip.password)\nBlue-Kettle-42\n")
        try site.addStaff("alice", role: "coordinator", password: "Coordin8-Pass")
        try site.serve()

        let downloads = site.file("downloads")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        let seen = try site.browse(
            "coordinator_reset",
            Self.coordinator.merging(
                [
                    "downloads": downloads.path, "institution": "GB042", "number": slip.number, "personalUsername": "maria.garcia",
                    "oldPassword": "Blue-Kettle-42", "newPassword": "Green-Teapot-97",
                ]) { $1 },
            as: ResetSeen.self)
        #expect(seen.confirmHeading == "Reset the passwords of 1 entry?")
        #expect(seen.confirmList == ["#\(slip.number) \(slip.username) · converted · maria.garcia · Maria Garcia"])
        #expect(URL(fileURLWithPath: seen.download).lastPathComponent == "JuneMaths-slips.xlsx")
        let printed = try #require(seen.slips.first)
        #expect(printed.username == "maria.garcia", "the slip names the personal username, which the candidate keeps")
        #expect(printed.typed.count == 10 && printed.typed != slip.password, "a new temporary password: \(printed.password)")
        #expect(seen.oldPassword == "Invalid institution ID, username or password.", "the old personal password fails at once")
        #expect(seen.temporaryPath == "/register" && seen.temporaryHeading == "Choose your password")
        #expect(seen.fields == ["newPassword", "confirmPassword"], "only a new password is asked")
        #expect(seen.personalUsername == "maria.garcia")
        #expect(seen.newPasswordPath == "/welcome" && seen.newPasswordHeading == "You are signed in")
        #expect(try site.stop() == 0)
        #expect(try site.audit().contains { $0.action == "entries.reset" && $0.actor == "staff:alice" })
        let report = try JSONDecoder().decode(ReportJSON.self, from: Data(try site.admit(["report", "June Maths", "--json"]).utf8))
        let row = try #require(report.entries.first { $0.number == slip.number })
        #expect(row.state == "converted" && row.personal_username == "maria.garcia")
    }

    @Test func anInvigilatorIsRefusedUnlockAndResetAndOfferedNeither() throws {
        let site = try Site()
        let slip = try site.seed(entries: 2).slips[0]
        for attempt in 1...5 { _ = try? site.admit(["login", "--institution", "GB042", "--username", slip.username], input: "WRONG-\(attempt)\n") }
        try site.addStaff("ivy", role: "invigilator", password: "Watchful-Owl-7")
        try site.serve()

        let seen = try site.browse("invigilator_recovery", Self.invigilator.merging(["number": slip.number]) { $1 }, as: InvigilatorRecoverySeen.self)
        #expect(seen.mendButtons == 0 && !seen.buttons.contains("Unlock selected") && !seen.buttons.contains("Reset selected…"), "\(seen.buttons)")
        #expect(!seen.lockedUntilBefore.isEmpty, "the invigilator sees the lock")
        #expect(seen.unlock.status == 403 && seen.unlock.body.contains("may not"), "\(seen.unlock)")
        #expect(seen.resetSelected.status == 403 && seen.resetSelected.body.contains("may not"), "\(seen.resetSelected)")
        #expect(seen.resetConfirmed.status == 403 && seen.resetConfirmed.body.contains("may not"), "\(seen.resetConfirmed)")
        #expect(seen.download.status == 200, "the same cookie and token may download: \(seen.download)")
        #expect(seen.lockedUntilAfter == seen.lockedUntilBefore, "still locked")
        #expect(try site.stop() == 0)
        // The slip's password was not replaced.
        try site.admit(["entries", "export", "June Maths", "--csv", site.file("after.csv").path])
        #expect(try Site.slips(site.file("after.csv")).first { $0.number == slip.number }?.password == slip.password)
        #expect(try !site.audit().contains { ["entries.unlock", "entries.reset"].contains($0.action) })
    }

    @Test func aSlipThatExpiredWithItsSessionSignsInAgainOnceTheCoordinatorMovesTheEnd() throws {
        let site = try Site()
        let slip = try site.seed(entries: 2).slips[0]
        let day = { (days: Double) in Date().addingTimeInterval(days * 86_400).formatted(.iso8601.year().month().day()) }
        try site.admit(["session", "update", "June Maths", "--starts", day(-3), "--ends", day(-2), "--force"])
        try site.addStaff("alice", role: "coordinator", password: "Coordin8-Pass")
        try site.serve()

        let seen = try site.browse(
            "coordinator_edit_session",
            Self.coordinator.merging(
                ["institution": "GB042", "username": slip.username, "password": slip.password, "newEnd": day(7)]) { $1 },
            as: EditSessionSeen.self)
        #expect(seen.expiredAnswer == "This login has expired — ask your exam coordinator.")
        #expect(seen.editHeading == "Edit June Maths" && seen.endsBefore == day(-2))
        #expect(seen.flash == "Saved the session June Maths. 2 unused logins follow the new end.")
        #expect(seen.sessionLine.contains("to \(day(7))"), "\(seen.sessionLine)")
        #expect(seen.afterPath == "/register" && seen.afterHeading == "Your details and a new password")
        #expect(try site.stop() == 0)
    }

    @Test func theStaffSearchFindsNunezWithoutItsAccentsOnlyInTheMembersInstitution() throws {
        let site = try Site()
        let ours = try site.seed(entries: 2).slips[0]
        try site.admit(
            ["register", "--institution", "GB042", "--username", ours.username, "--given-name", "José", "--family-name", "Núñez"],
            input: "\(ours.password)\nBlue-Kettle-42\n")
        // Another institution's candidate of the same name.
        try site.admit(["institution", "add", "FR007", "--name", "Lycée Voltaire"])
        try site.admit(["session", "create", "--institution", "FR007", "--name", "Juin Maths"])
        try site.admit(["entries", "add", "Juin Maths", "--count", "1", "--csv", site.file("theirs.csv").path])
        let theirs = try Site.slips(site.file("theirs.csv"))[0]
        try site.admit(
            ["register", "--institution", "FR007", "--username", theirs.username, "--given-name", "Ana", "--family-name", "Núñez"],
            input: "\(theirs.password)\nBlue-Kettle-43\n")
        try site.addStaff("alice", role: "coordinator", password: "Coordin8-Pass")
        try site.serve()

        let seen = try site.browse("coordinator_find", Self.coordinator.merging(["query": "nunez"]) { $1 }, as: FindSeen.self)
        #expect(seen.heading == "Find a candidate" && seen.path == "/staff/find?q=nunez")
        #expect(seen.said.contains("1 candidate found."), "\(seen.said)")
        #expect(seen.rows == [["June Maths", "GB042", "\(ours.number)", ours.username, "converted", "jose.nunez", "José Núñez", ""]])
        #expect(try site.stop() == 0)
        // Both exist: the CLI, which sees every institution, finds the two.
        #expect(try site.admit(["find", "nunez"]).contains("ana.nunez"))
    }

    @Test func theInvigilatorsReportRefreshesItselfAndWithoutJavaScriptItsRefreshLinkDoes() throws {
        let site = try Site()
        let slip = try site.seed(entries: 3).slips[1]
        try site.addStaff("ivy", role: "invigilator", password: "Watchful-Owl-7")
        try site.serve()

        let seen = try site.browse(
            "invigilator_report",
            Self.invigilator.merging(
                [
                    "institution": "GB042", "number": slip.number, "username": slip.username, "password": slip.password, "givenName": "Li",
                    "familyName": "Xiaoming", "newPassword": "Tr0ub4dor&3horse", "refreshWithin": 25,
                ]) { $1 },
            as: ReportSeen.self)
        #expect(seen.filteredPath.hasSuffix("/report?only=not-signed-in"))
        #expect(seen.waitingBefore == [1, 2, 3])
        #expect(seen.plainBefore[2] == "issued" && seen.plainBefore[5].isEmpty)
        #expect(seen.personalUsername == "li.xiaoming")
        #expect(seen.waitingAfter == [1, 3], "the candidate who signed in left the list")
        #expect(seen.samePage, "the report changed in place, without loading the page again")
        // The filtered report counts whom it lists.
        #expect(seen.liveCountsBefore.first == "3 issued" && seen.liveCounts.first == "2 issued", "\(seen.liveCountsBefore) → \(seen.liveCounts)")
        #expect(seen.plainAfter[2] == "converted" && seen.plainAfter[3] == "li.xiaoming" && !seen.plainAfter[5].isEmpty, "\(seen.plainAfter)")
        #expect(seen.plainCounts.prefix(2) == ["2 issued", "1 converted"], "\(seen.plainCounts)")
        #expect(try site.stop() == 0)
    }

    @Test func afterAddEntriesTheNewBatchIsTickedAndDownloadTheseLoginsGivesExactlyItsSlips() throws {
        let site = try Site()
        let before = try site.seed(entries: 2).slips
        try site.addStaff("alice", role: "coordinator", password: "Coordin8-Pass")
        try site.serve()

        let downloads = site.file("downloads")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        let seen = try site.browse(
            "coordinator_new_batch", Self.coordinator.merging(["downloads": downloads.path, "count": 3]) { $1 }, as: NewBatchSeen.self)
        #expect(seen.flash == "Added 3 entries. They are selected: download their slips to print.")
        #expect(seen.boxes == 5 && seen.ticked == [3, 4, 5])
        #expect(seen.boxHeading == "Download these logins" && seen.boxLabel == "The 3 new logins as")
        #expect(URL(fileURLWithPath: seen.download).lastPathComponent == "JuneMaths-slips.xlsx")
        #expect(try site.stop() == 0)

        try site.admit(["entries", "export", "June Maths", "--csv", site.file("after.csv").path])
        let added = try Site.slips(site.file("after.csv")).filter { !before.map(\.username).contains($0.username) }
        #expect(added.map(\.number) == [3, 4, 5])
        // Exactly the new batch's slips, each with its password (printed in groups, as a candidate types it back).
        #expect(seen.slips.map { [$0.username, $0.typed] } == added.map { [$0.username, $0.password] })
    }
}

extension Site {
    /// The audit trail as `admit audit --json` prints it: who did what.
    func audit() throws -> [AuditRecord] {
        try JSONDecoder().decode([AuditRecord].self, from: Data(try admit(["audit", "--json"]).utf8))
    }
}

struct AuditRecord: Decodable {
    var actor: String
    var action: String
}

/// A card of a slips workbook, as the scenario read it.
struct PrintedSlip: Decodable {
    var username: String
    var password: String
    /// The password as typed: without the dashes and spaces it is printed in groups with.
    var typed: String { password.filter { $0 != "-" && $0 != " " } }
}

struct UnlockSeen: Decodable {
    var lockedAnswer: String
    var lockedUntilBefore: String
    var flash: String
    var lockedUntilAfter: String
    var afterUnlockPath: String
    var afterUnlockHeading: String
}

struct ResetSeen: Decodable {
    var confirmHeading: String
    var confirmList: [String]
    var download: String
    var slips: [PrintedSlip]
    var oldPassword: String
    var temporaryPath: String
    var temporaryHeading: String
    var fields: [String]
    var personalUsername: String
    var newPasswordPath: String
    var newPasswordHeading: String
}

struct InvigilatorRecoverySeen: Decodable {
    var buttons: [String]
    var mendButtons: Int
    var lockedUntilBefore: String
    var lockedUntilAfter: String
    var unlock: InvigilatorSeen.Answer
    var resetSelected: InvigilatorSeen.Answer
    var resetConfirmed: InvigilatorSeen.Answer
    var download: InvigilatorSeen.Answer
}

struct EditSessionSeen: Decodable {
    var expiredAnswer: String
    var editHeading: String
    var endsBefore: String
    var flash: String
    var sessionLine: String
    var afterPath: String
    var afterHeading: String
}

struct FindSeen: Decodable {
    var heading: String
    var path: String
    var said: [String]
    var rows: [[String]]
}

struct ReportSeen: Decodable {
    var filteredPath: String
    var waitingBefore: [Int]
    var liveCountsBefore: [String]
    var plainBefore: [String]
    var personalUsername: String
    var waitingAfter: [Int]
    var samePage: Bool
    var liveCounts: [String]
    var plainAfter: [String]
    var plainCounts: [String]
}

struct NewBatchSeen: Decodable {
    var flash: String
    var ticked: [Int]
    var boxes: Int
    var boxHeading: String
    var boxLabel: String
    var download: String
    var slips: [PrintedSlip]
}
