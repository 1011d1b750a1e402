import AdmitTestTools
import Foundation
import Testing

/// Candidates and staff use `admit serve` through headless Chromium (browser/*.py), with and without
/// JavaScript; each test seeds its own database with the CLI, serves it on a free port, and stops the server
/// with SIGTERM at the end. `make samples` (ADMIT_SAMPLES) also saves the README's screenshots.
/// Serialized: one Chromium at a time is enough for a small machine that runs the other suites meanwhile.
@Suite(.serialized) struct BrowserTests {
    @Test func aCandidateRegistersFromTheSlipAndSignsInAgainWithThePersonalUsername() throws {
        let site = try Site()
        let slip = try site.seed(entries: 3).slips[1]
        try site.serve()

        let seen = try site.browse(
            "candidate",
            [
                "institution": "GB042", "username": slip.username, "password": slip.password,
                "givenName": "José", "familyName": "Núñez-O'Brien", "newPassword": "Tr0ub4dor&3horse",
            ], as: CandidateSeen.self)
        #expect(seen.wrongPassword == "Invalid institution ID, username or password.")
        #expect(seen.registerHeading == "Your details and a new password")
        #expect(
            seen.policy == [
                "8 to 128 characters long;", "different from the password on your slip;",
                "without your username or your name in it;", "not a common password.",
            ])
        #expect(seen.passwordsDiffer == "The two new passwords differ; type the same password twice.")
        #expect(seen.doneHeading == "Your personal username")
        #expect(seen.personalUsername == "jose.nunez-obrien")
        #expect(seen.personalUsernamePx >= 24 && seen.personalUsernameLines == 1, "the personal username is printed large, on one line")
        #expect(seen.welcomeHeading == "You are signed in")
        #expect(seen.sessionName == "June Maths")
        #expect(seen.slipAfterRegistration == "This login was already registered — sign in with your personal username.")
        #expect(seen.spanishHeading == "Inicia sesión en tu examen" && seen.spanishLang == "es")
        #expect(try site.stop() == 0, "admit serve stops cleanly on SIGTERM")

        // The server recorded what the candidate did: the entry is converted, under the personal username.
        let report = try JSONDecoder().decode(ReportJSON.self, from: Data(try site.admit(["report", "June Maths", "--json"]).utf8))
        let row = try #require(report.entries.first { $0.number == slip.number })
        #expect(row.state == "converted" && row.personal_username == "jose.nunez-obrien")
        #expect(report.counts["converted"] == 1 && report.counts["issued"] == 2)
    }

    @Test func aPersonalUsernameBreaksOnlyAfterADotOrAHyphenAndFitsANarrowPhone() throws {
        // Names whose usernames ({given}.{family}) are 8 to 32 characters, the longest the template makes: short,
        // typical, long with many parts, cut at 32, and long parts with no break at all.
        let candidates = [
            ("Ana", "Lima", "ana.lima"), ("Li", "Xiaoming", "li.xiaoming"), ("José", "Núñez-O'Brien", "jose.nunez-obrien"),
            ("Bartholomew", "Fitzgerald", "bartholomew.fitzgerald"),
            ("María-José", "García-Fernández", "maria-jose.garcia-fernandez"),
            ("Konstantinopolitanischer", "Oz", "konstantinopolitanischer.oz"),
            ("Anne-Marie", "Vanderbilt-Oppenheimer", "anne-marie.vanderbilt-oppenheime"),
            ("Wolfeschlegelsteinhausenbergerdorff", "Smith", "wolfeschlegelsteinhausenbergerdo"),
        ]
        let site = try Site()
        let slips = try site.seed(entries: candidates.count).slips
        try site.serve()

        let seen = try site.browse(
            "candidate_usernames",
            [
                "slips": slips.map { ["username": $0.username, "password": $0.password] },
                "candidates": candidates.map { ["givenName": $0.0, "familyName": $0.1] },
                "newPassword": "Tr0ub4dor&3horse", "widths": [320, 390],
            ], as: UsernamesSeen.self)
        #expect(try site.stop() == 0)

        // The slip's QR code filled in the form and put the cursor in the password field.
        #expect(seen.signIns.count == slips.count)
        for (signIn, slip) in zip(seen.signIns, slips) {
            #expect(signIn.institution == "GB042" && signIn.username == slip.username)
            #expect(signIn.focused == "password", "the password field has the focus, not \(signIn.focused ?? "nothing")")
        }

        #expect(seen.shown.count == candidates.count * 4, "each username on two pages at two widths")
        for (index, shown) in seen.shown.enumerated() {
            let username = candidates[index / 4].2
            let place = "\(username) on /\(shown.page) at \(shown.width) px"
            #expect(shown.text == username, "\(place): the page's text is the username, nothing added")
            #expect(shown.lines.joined() == username, "\(place): \(shown.lines)")
            #expect(
                shown.lines.dropLast().allSatisfy { $0.hasSuffix(".") || $0.hasSuffix("-") },
                "\(place): a line ends only after a dot or a hyphen: \(shown.lines)")
            if username.count <= 20 { #expect(shown.lines.count == 1, "\(place): a usual username fits one line: \(shown.lines)") }
            #expect(shown.overflowing.isEmpty, "\(place): \(shown.overflowing)")
            // It shrinks rather than hide a part that would need scrolling, and stays readable.
            #expect(!shown.scrolls && shown.px >= 12, "\(place): \(shown.px) px, scrolls: \(shown.scrolls)")
        }
        let done = seen.shown.filter { $0.page == "done" && $0.width == 390 }
        #expect(done.prefix(3).allSatisfy { $0.px >= 24 }, "a usual username is printed large: \(done.map(\.px))")

        let report = try JSONDecoder().decode(ReportJSON.self, from: Data(try site.admit(["report", "June Maths", "--json"]).utf8))
        #expect(Set(report.entries.compactMap(\.personal_username)) == Set(candidates.map(\.2)))
    }

    @Test func theCandidatePagesSpeakTheBrowsersLanguage() throws {
        let site = try Site()
        let slip = try site.seed(entries: 1).slips[0]
        try site.serve()

        let seen = try site.browse("candidate_spanish", ["institution": "GB042", "username": slip.username], as: SpanishSeen.self)
        #expect(seen.heading == "Inicia sesión en tu examen" && seen.lang == "es")
        #expect(seen.labels == ["ID de institución", "Usuario", "Contraseña"])
        #expect(seen.errorTitle == "Hay un problema")
        #expect(seen.error == "ID de institución, usuario o contraseña incorrectos.")
        #expect(seen.englishHeading == "Sign in to your exam")
        #expect(try site.stop() == 0)
    }

    @Test func aBusyServersAnswerIsRetriedByThePageItself() throws {
        let site = try Site()
        let slip = try site.seed(entries: 1).slips[0]
        // While this file exists the server's one place of credential work is taken (a test-only switch).
        let hold = site.file("hold-queue")
        #expect(FileManager.default.createFile(atPath: hold.path, contents: nil))
        try site.serve(["--queue-limit", "1"], environment: ["ADMIT_TEST_HOLD_QUEUE_WHILE": hold.path])

        let seen = try site.browse(
            "candidate_busy",
            [
                "institution": "GB042", "username": slip.username, "password": slip.password, "hold": hold.path,
            ], as: BusySeen.self)
        #expect(seen.busyHeading == "The server is busy")
        #expect(seen.backTo == "/?institution=GB042&username=\(slip.username)" && seen.filledIn == ["GB042", slip.username])
        #expect(
            seen.notice
                == "Many candidates are signing in at this moment. Please wait: your form is sent again by itself in a few seconds. Keep this page open."
        )
        #expect(seen.noticeRole == "status")
        #expect(seen.after == "Your details and a new password")
        #expect(try site.stop() == 0)

        // The server said 503 (once without the script, at least once with it), then took the same form.
        let signIns = try String(contentsOf: site.serverLog, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains("method=POST") && $0.contains("path=/signin") }
        #expect(signIns.filter { $0.contains("status=503") }.count >= 2)
        #expect(signIns.last?.contains("status=303") == true, "\(signIns)")
        #expect(!signIns.contains { $0.contains(slip.password) }, "never a password in the log")
    }

    @Test func aCoordinatorAddsEntriesDownloadsTheirSlipsAndWithdrawsOne() throws {
        let site = try Site()
        let seeded = try site.seed(entries: 3)
        // One candidate has registered already, so the report has something to show.
        try site.admit(
            [
                "register", "--institution", "GB042", "--username", seeded.slips[0].username,
                "--given-name", "Maria", "--family-name", "Garcia",
            ], input: "\(seeded.slips[0].password)\nBlue-Kettle-42\n")
        try site.addStaff("alice", role: "coordinator", password: "Coordin8-Pass")
        try site.serve()

        let downloads = site.file("downloads")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        let seen = try site.browse(
            "coordinator",
            [
                "staffUsername": "alice", "staffPassword": "Coordin8-Pass", "sessionName": "June Maths",
                "downloads": downloads.path, "withdrawNumber": 5,
            ], as: CoordinatorSeen.self)
        #expect(seen.sessions == ["June Maths"])
        #expect(seen.sessionHeading == "June Maths")
        #expect(seen.addedFlash == "Added 20 entries. They are selected: download their slips to print.")
        #expect(seen.added == 20 && seen.entriesHeading == "Entries (23)")
        #expect(seen.confirmHeading.hasPrefix("Withdraw 1 "))
        #expect(seen.confirmList == ["#5 \(seen.withdrawnUsername) · issued"])
        #expect(seen.withdrawnFlash.hasPrefix("Withdrew 1 entry"))
        #expect(Array(seen.withdrawnRow[1...3]) == ["5", seen.withdrawnUsername, "withdrawn"])
        #expect(seen.states == ["converted", "issued", "withdrawn"])
        #expect(seen.reportHeading == "Login report: June Maths")
        #expect(seen.reportCounts == ["21 issued", "1 converted", "1 withdrawn", "0 expired"])
        #expect(try site.stop() == 0)

        // The download is a workbook of slips, one for each of the 23 entries selected, with each issued
        // entry's username and password (printed in groups) as the CLI exports them.
        #expect(URL(fileURLWithPath: seen.download).lastPathComponent == "JuneMaths-slips.xlsx")
        let workbook = try JSONDecoder().decode(
            WorkbookText.self,
            from: try python3(
                """
                import json, sys, openpyxl
                book = openpyxl.load_workbook(sys.argv[1])
                cells = [str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]
                print(json.dumps({"sheets": book.sheetnames, "text": " ".join(cells)}))
                """, [seen.download]))
        #expect(workbook.sheets == ["Slips"])
        try site.admit(["entries", "export", "June Maths", "--csv", site.file("after.csv").path])
        let entries = try Site.slips(site.file("after.csv"))
        #expect(entries.count == 23)
        let printed = workbook.text.filter { $0 != "-" && $0 != " " }
        for entry in entries {
            #expect(printed.contains(entry.username), "\(entry.username) has no slip")
            if entry.state == "issued" { #expect(printed.contains(entry.password), "#\(entry.number)'s password is not on its slip") }
        }
        // The withdrawn entry is the one the coordinator chose, and its slip's password is gone.
        let withdrawn = try #require(entries.first { $0.number == 5 })
        #expect(withdrawn == Slip(number: 5, username: seen.withdrawnUsername, password: "", state: "withdrawn"))
        #expect(entries.filter { $0.state == "withdrawn" }.count == 1)
    }

    @Test func withoutJavaScriptSelectAllReloadsTheListTickedAndTheRosterDownloads() throws {
        let site = try Site()
        try site.seed(entries: 4)
        try site.addStaff("alice", role: "coordinator", password: "Coordin8-Pass")
        try site.serve()

        let downloads = site.file("downloads")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        let seen = try site.browse(
            "coordinator_nojs",
            [
                "staffUsername": "alice", "staffPassword": "Coordin8-Pass", "sessionName": "June Maths", "downloads": downloads.path,
            ], as: NoScriptSeen.self)
        #expect(seen.selectAllPath.hasPrefix("?select=all"), "without JavaScript the link loads the page again")
        #expect(seen.boxes == 4 && seen.ticked == 4)
        #expect(seen.files == ["Slips to cut out (Excel)", "Roster table (Excel)", "Roster and slips (Excel)", "Roster (CSV)"])
        #expect(try site.stop() == 0)
        #expect(URL(fileURLWithPath: seen.download).lastPathComponent == "JuneMaths-roster.csv")
        try site.admit(["entries", "export", "June Maths", "--csv", site.file("all.csv").path])
        #expect(try Site.slips(URL(fileURLWithPath: seen.download)) == Site.slips(site.file("all.csv")))
    }

    @Test func anInvigilatorMayNotAddOrWithdrawEntriesNotEvenByAForgedPost() throws {
        let site = try Site()
        try site.seed(entries: 3)
        try site.addStaff("ivy", role: "invigilator", password: "Watchful-Owl-7")
        try site.serve()

        let seen = try site.browse(
            "invigilator", ["staffUsername": "ivy", "staffPassword": "Watchful-Owl-7", "sessionName": "June Maths"],
            as: InvigilatorSeen.self)
        #expect(seen.newSessionLinks == 0)
        #expect(seen.countFields == 0 && !seen.headings.contains("Add entries") && !seen.buttons.contains("Add entries"))
        #expect(seen.withdrawButtons == 0 && !seen.buttons.contains("Withdraw selected…"))
        #expect(seen.buttons.contains("Download"))
        #expect(seen.addEntries.status == 403 && seen.addEntries.body.contains("may not"), "\(seen.addEntries)")
        #expect(seen.withdrawSelected.status == 403 && seen.withdrawSelected.body.contains("may not"), "\(seen.withdrawSelected)")
        #expect(seen.withdrawConfirmed.status == 403 && seen.withdrawConfirmed.body.contains("may not"), "\(seen.withdrawConfirmed)")
        #expect(
            seen.download.status == 200 && seen.download.body.hasSuffix("#,Username,Password,Candidate,Institution ID,State,Session"),
            "the same cookie and token may download: \(seen.download)")
        #expect(seen.wrongToken.status == 403 && seen.wrongToken.body.contains("did not come from this site"), "\(seen.wrongToken)")
        #expect(seen.entriesAfter == 3 && seen.statesAfter == ["issued"])
        #expect(try site.stop() == 0)
        try site.admit(["entries", "export", "June Maths", "--csv", site.file("after.csv").path])
        #expect(try Site.slips(site.file("after.csv")).map(\.state) == ["issued", "issued", "issued"])
    }
}

// What each scenario printed.

struct CandidateSeen: Decodable {
    var wrongPassword: String
    var registerHeading: String
    var policy: [String]
    var passwordsDiffer: String
    var personalUsername: String
    var personalUsernamePx: Double
    var personalUsernameLines: Int
    var doneHeading: String
    var welcomeHeading: String
    var sessionName: String
    var slipAfterRegistration: String
    var spanishHeading: String
    var spanishLang: String
}

struct BusySeen: Decodable {
    var busyHeading: String
    var backTo: String
    var filledIn: [String]
    var notice: String
    var noticeRole: String
    var after: String
}

struct UsernamesSeen: Decodable {
    struct SignIn: Decodable {
        var institution: String
        var username: String
        var focused: String?
    }
    struct Shown: Decodable {
        var page: String
        var width: Int
        var text: String
        var lines: [String]
        var px: Double
        var scrolls: Bool
        var overflowing: [String]
    }
    var signIns: [SignIn]
    var shown: [Shown]
}

struct SpanishSeen: Decodable {
    var heading: String
    var lang: String
    var labels: [String]
    var errorTitle: String
    var error: String
    var englishHeading: String
}

struct CoordinatorSeen: Decodable {
    var sessions: [String]
    var sessionHeading: String
    var addedFlash: String
    var entriesHeading: String
    var added: Int
    var download: String
    var withdrawnUsername: String
    var withdrawnGUID: String
    var confirmHeading: String
    var confirmList: [String]
    var withdrawnFlash: String
    var withdrawnRow: [String]
    var states: [String]
    var reportHeading: String
    var reportCounts: [String]
}

struct NoScriptSeen: Decodable {
    var selectAllPath: String
    var ticked: Int
    var boxes: Int
    var files: [String]
    var download: String
}

struct InvigilatorSeen: Decodable {
    /// A post's answer: its status and its message (or a file's first line).
    struct Answer: Decodable, CustomStringConvertible {
        var status: Int
        var body: String
        init(from decoder: any Decoder) throws {
            var pair = try decoder.unkeyedContainer()
            status = try pair.decode(Int.self)
            body = try pair.decode(String.self)
        }
        var description: String { "\(status) \(body)" }
    }

    var newSessionLinks: Int
    var buttons: [String]
    var countFields: Int
    var withdrawButtons: Int
    var headings: [String]
    var addEntries: Answer
    var withdrawSelected: Answer
    var withdrawConfirmed: Answer
    var download: Answer
    var wrongToken: Answer
    var entriesAfter: Int
    var statesAfter: [String]
}

struct ReportJSON: Decodable {
    // Spelled as the JSON spells them.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Row: Decodable {
        var number: Int
        var state: String
        var personal_username: String?
    }
    var entries: [Row]
    var counts: [String: Int]
}

struct WorkbookText: Decodable {
    var sheets: [String]
    var text: String
}
