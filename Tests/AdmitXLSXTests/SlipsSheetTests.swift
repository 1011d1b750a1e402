import AdmitCore
import Foundation
import Testing

@testable import AdmitXLSX

/// The slips as LibreOffice prints them with the fonts metric-compatible with Excel's: every credential whole,
/// inside its own card, on one page, at a legible size, for the longest values Admit accepts.
@Suite struct SlipsSheetTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-slips-\(UUID())")
    let heading = SheetHeading(
        sessionName: "June Maths Paper 1", institutionCode: "GB042", institutionName: "Northfield College",
        sessionDate: ISO8601DateFormatter().date(from: "2026-12-09T09:00:00Z"),
        signInURL: "https://exams.northfield.example/", timeZone: TimeZone(identifier: "UTC")!)

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    /// `count` generic logins with codes of the given lengths, drawn from the generator's alphabet.
    static func rows(_ count: Int, usernameLength: Int = 8, passwordLength: Int = 10, sessionName: String = "June Maths Paper 1") -> [CredentialRow] {
        (1...count).map { number in
            CredentialRow(
                number: number, entryID: UUID(), username: code(number, length: usernameLength, salt: 7),
                password: code(number, length: passwordLength, salt: 13), institutionCode: "GB042", state: .issued,
                sessionName: sessionName)
        }
    }

    /// A code unique to `number`, as long as asked.
    static func code(_ number: Int, length: Int, salt: Int) -> String {
        var value = UInt64(number) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(salt)
        return String(
            (0..<length).map { _ in
                value = value &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return CredentialPolicy.alphabet[Int(value >> 33) % CredentialPolicy.alphabet.count]
            })
    }

    func print(
        _ name: String, _ rows: [CredentialRow], heading: SheetHeading? = nil, layouts: [SheetLayout] = [.slips],
        paper: Worksheet.Paper
    ) throws -> (PrintedPages, notices: [String]) {
        let file = folder.appendingPathComponent(name)
        let notices = try CredentialWorkbook.write(rows, to: file, heading: heading ?? self.heading, layouts: layouts, paper: paper)
        return (try PrintedPages(of: file), notices)
    }

    /// Checks what a person cutting and handing out the slips would: each credential once, whole, at 11 points or
    /// more, touching no other word, left of the next card, on the page of its own card's other lines.
    func expectWhole(_ rows: [CredentialRow], on printed: PrintedPages, heading: SheetHeading? = nil, paper: Worksheet.Paper) throws {
        let pages = try printed.words()
        let size = try SlipLayout(measure: .of(rows), heading: heading ?? self.heading, paper: paper).credentialSize
        for row in rows {
            let password = CredentialPolicy.printed(row.password!)
            for credential in [row.username, password] {
                let found = pages.indices.flatMap { page in pages[page].filter { $0.text == credential }.map { (page, $0) } }
                #expect(found.count == 1, "\(credential) (entry #\(row.number)) printed \(found.count) times whole")
                guard let (page, word) = found.first else { continue }
                let others = pages[page].filter { $0.text != credential }
                // Monospaced, so its width tells the size it printed at: the layout's, not shrunk by the renderer.
                #expect(
                    word.monospacedSize >= size * 0.97 && word.monospacedSize >= 11 * 0.97,
                    "\(word) prints at \(word.monospacedSize) points, not \(size)")
                #expect(!others.contains { $0.overlaps(word) }, "\(word) touches \(others.filter { $0.overlaps(word) })")
                #expect(word.xMax <= paper.width - 30, "\(word) runs off the page")
                // The next card's label on the same line starts after the credential ends.
                let sameLine = others.filter { $0.yMin < word.yMax && word.yMin < $0.yMax && $0.xMin > word.xMin }
                #expect(sameLine.allSatisfy { $0.xMin > word.xMax }, "\(word) runs into \(sameLine)")
                #expect(pages[page].contains { $0.text == "#\(row.number)" }, "entry #\(row.number) is not on the page of \(credential)")
            }
        }
    }

    @Test(arguments: [(Worksheet.Paper.a4, 8, 10), (.letter, 8, 10), (.a4, 16, 20), (.letter, 16, 20), (.a4, 32, 32), (.letter, 32, 32)])
    func everyGeneratedCredentialPrintsWholeInsideItsCard(paper: Worksheet.Paper, usernameLength: Int, passwordLength: Int) throws {
        let rows = Self.rows(25, usernameLength: usernameLength, passwordLength: passwordLength)
        let (printed, notices) = try print("slips-\(paper)-\(usernameLength)-\(passwordLength).xlsx", rows, paper: paper)
        let layout = try SlipLayout(measure: .of(rows), heading: heading, paper: paper)
        #expect(printed.pages.count == layout.pages(for: rows.count))
        try expectWhole(rows, on: printed, paper: paper)
        // The default codes fit two across at the largest size; the longest take a card's full width, and say so.
        if usernameLength == 8 { #expect(layout.across == 2 && layout.credentialSize == 15 && notices.isEmpty) }
        // A 20-symbol password, grouped to 24 characters, still fits two across on both papers.
        if usernameLength == 16 { #expect(layout.across == 2 && layout.credentialSize >= 11 && notices.isEmpty) }
        if usernameLength == 32 { #expect(layout.across == 1 && notices.first?.contains("one to a row") == true) }
        #expect(printed.pages.allSatisfy { $0.contains("June Maths Paper 1") && $0.contains("2026-12-09 09:00 GMT") })

        if let samples = ProcessInfo.processInfo.environment["ADMIT_SAMPLES"], paper == .a4, usernameLength == 8 {
            try printed.png(to: URL(fileURLWithPath: samples).appendingPathComponent("slips.png"))
        }
    }

    @Test(arguments: [Worksheet.Paper.a4, .letter])
    func eachQRCodeOpensTheSignInPageForItsOwnSlip(paper: Worksheet.Paper) throws {
        let rows = Self.rows(20)
        let (printed, _) = try print("qr-\(paper).xlsx", rows, paper: paper)
        let codes = try printed.qrCodes()
        #expect(codes.map(\.count) == printed.pages.map { page in rows.filter { page.contains($0.username) }.count })
        for (page, links) in codes.enumerated() {
            for link in links {
                let query = URLComponents(string: link)?.queryItems ?? []
                let username = try #require(query.first { $0.name == "username" }?.value)
                #expect(link.hasPrefix("https://exams.northfield.example/?"))
                #expect(query.first { $0.name == "institution" }?.value == "GB042")
                #expect(printed.pages[page].contains(username), "page \(page + 1) has a code for \(username), whose slip is elsewhere")
                let row = try #require(rows.first { $0.username == username })
                #expect(!link.contains(row.password!), "a QR code holds a password")
            }
        }
        #expect(
            Set(codes.joined().compactMap { URLComponents(string: $0)?.queryItems?.first { $0.name == "username" }?.value })
                == Set(rows.map(\.username)))
    }

    /// The longest sign-in address a session takes (200 characters) makes a denser code: it prints larger and still scans.
    @Test func aLongSignInAddressMakesALargerCodeThatStillScans() throws {
        var long = heading
        long.signInURL = "https://exams.northfield.example/" + String(repeating: "candidates/", count: 15) + "sign-in"
        let rows = Self.rows(8, usernameLength: 32, passwordLength: 10)
        let (printed, _) = try print("long-link.xlsx", rows, heading: long, paper: .a4)
        let layout = try SlipLayout(measure: .of(rows), heading: long, paper: .a4)
        #expect(layout.qrPoints > SlipLayout.smallestQRPoints)
        #expect(printed.pages.count == layout.pages(for: rows.count))
        let links = try printed.qrCodes().joined()
        #expect(Set(links.compactMap { URLComponents(string: $0)?.queryItems?.first { $0.name == "username" }?.value }) == Set(rows.map(\.username)))
        try expectWhole(rows, on: printed, heading: long, paper: .a4)
    }

    @Test func withoutASignInAddressTheSlipsHaveNoCodeAndFitTenToAnA4Page() throws {
        var plain = heading
        plain.signInURL = nil
        let rows = Self.rows(25)
        let (printed, _) = try print("plain.xlsx", rows, heading: plain, paper: .a4)
        #expect(try SlipLayout(measure: .of(rows), heading: plain, paper: .a4).cardsPerPage == 10)
        #expect(printed.pages.count == 3)
        #expect(try printed.qrCodes().allSatisfy(\.isEmpty))
        try expectWhole(rows, on: printed, heading: plain, paper: .a4)
        #expect(printed.pages[0].contains("Sign in with these details"))
    }

    /// Roster imports bring long names, long given passwords (printed exactly, never grouped) and long session names.
    @Test(arguments: [Worksheet.Paper.a4, .letter])
    func longNamesAndGivenPasswordsPrintWholeAndTheDateAndInstitutionAlwaysPrint(paper: Worksheet.Paper) throws {
        let session =
            "Cambridge International AS & A Level Further Mathematics Paper 3 (Pure Mathematics) — resit sitting for candidates of the November series"
        var long = heading
        long.sessionName = session
        var rows = Self.rows(12, sessionName: session)
        let given = ["Spring-Exam-2026!", "alexandra-wilhelmina.konstantino", String(repeating: "Zq9-", count: 8)]
        for index in rows.indices {
            rows[index].candidate = "Maximiliana Alexandrina Montgomery-Featherstonehaugh de la Cruz Whitmore \(index) · 2026/1044\(index)"
            rows[index].password = index < given.count ? given[index] : rows[index].password
        }
        rows[1].username = "alexandra-wilhelmina.konstantino"
        rows[1].password = "Cor-rect.horse_battery&staple!9"
        let (printed, _) = try print("long-\(paper).xlsx", rows, heading: long, paper: paper)
        try expectWhole(rows, on: printed, heading: long, paper: paper)
        #expect(!printed.pages.joined().contains("Spri-ngEx"), "a given password was grouped")
        let words = try printed.words()
        for (page, text) in printed.pages.enumerated() {
            let cards = rows.filter { text.contains($0.username) }.count
            #expect(words[page].filter { $0.text == "GB042" }.count == cards, "an institution ID is missing on page \(page + 1)")
            #expect(words[page].filter { $0.text == "2026-12-09" }.count == cards, "a date is missing on page \(page + 1)")
        }
        if let samples = ProcessInfo.processInfo.environment["ADMIT_SAMPLES"], paper == .a4 {
            try printed.png(to: URL(fileURLWithPath: samples).appendingPathComponent("slips-long.png"))
        }
    }

    @Test func theRosterPrintsTheLongestCredentialsWholeAtFullSize() throws {
        var rows = Self.rows(40, usernameLength: 32, passwordLength: 32)
        for index in rows.indices where index % 3 == 0 {
            rows[index].password = String(repeating: "Long-pass", count: 3) + "12345"  // the longest a roster may give
            rows[index].candidate = "Maximiliana Alexandrina Montgomery-Featherstonehaugh \(index) · 2026/1044\(index)"
        }
        let (printed, _) = try print("roster-long.xlsx", rows, layouts: [.roster], paper: .a4)
        let pages = try printed.words()
        for row in rows {
            for credential in [row.username, row.password!] {
                let found = pages.flatMap { $0.filter { $0.text == credential } }
                #expect(found.count >= 1, "\(credential) is not printed whole")
                #expect(found.allSatisfy { $0.monospacedSize >= RosterSheet.credentialSize * 0.95 }, "\(found) prints smaller than 12 points")
            }
        }
        let lines = printed.pages.flatMap { $0.split(separator: "\n").map(String.init) }
        for row in rows {
            #expect(lines.contains { $0.contains(row.username) && $0.contains(row.password!) }, "#\(row.number) is split across lines")
        }
    }

    @Test(arguments: [Worksheet.Paper.a4, .letter])
    func aNamedSlipPrintsItsCandidateWithItsCredentials(paper: Worksheet.Paper) throws {
        var rows = Self.rows(25)
        for index in rows.indices where index % 2 == 0 { rows[index].candidate = "Maria Garcia \(index) · 1044\(index)" }
        rows[6].candidate = "Maximiliana Alexandrina Montgomery-Featherstonehaugh · 2026/10449"
        let (printed, _) = try print("named-\(paper).xlsx", rows, paper: paper)
        #expect(printed.pages.count == (try SlipLayout(measure: .of(rows), heading: heading, paper: paper)).pages(for: 25))
        try expectWhole(rows, on: printed, paper: paper)
        for row in rows where row.candidate != nil && row.number != 7 {
            #expect(printed.pages.contains { $0.contains(row.candidate!) && $0.contains(row.username) })
        }
        // The long name is shrunk to its card, not cut: its number still prints.
        #expect(printed.pages[0].contains("2026/10449"))
        let sentences = try printed.words()[0].map(\.text).joined(separator: " ")
        #expect(sentences.contains("you then choose your own password") && sentences.contains("this login works once"))
    }

    /// A password given in a roster file is typed exactly as given: grouping it in fours would print a different one.
    @Test func aChosenPasswordPrintsAsItIsAndOnlyAGeneratedCodeIsGrouped() throws {
        var rows = Self.rows(2)
        rows[0].password = "Correct-horse-77"
        let (printed, _) = try print("chosen.xlsx", rows, paper: .a4)
        let page = try #require(printed.pages.first)
        #expect(page.contains("Correct-horse-77") && !page.contains("Corr-ect-"))
        #expect(page.contains(CredentialPolicy.grouped(rows[1].password!)))
    }

    @Test func theRosterPrintsTheCandidateOnTheEntrysLine() throws {
        var rows = Self.rows(20)
        for index in rows.indices where index % 2 == 0 { rows[index].candidate = "Maria Garcia \(index) · 1044\(index)" }
        let (printed, _) = try print("named-roster.xlsx", rows, layouts: [.roster], paper: .a4)
        let lines = printed.pages.flatMap { $0.split(separator: "\n").map(String.init) }
        for row in rows {
            let line = lines.first { $0.contains(row.username) }
            #expect(line?.contains(row.password!) == true)
            if let candidate = row.candidate { #expect(line?.contains(candidate) == true, "\(line ?? "")") }
        }
        #expect(printed.pages.count == 1 && printed.pages[0].contains("Candidate"))
    }

    @Test func thePrintSetupBreaksOnlyBetweenCards() throws {
        let rows = Self.rows(45)
        let file = folder.appendingPathComponent("setup.xlsx")
        try CredentialWorkbook.write(rows, to: file, heading: heading, layouts: [.roster, .slips], paper: .letter)
        let layout = try SlipLayout(measure: .of(rows), heading: heading, paper: .letter)
        let setup: [String: String] = try openpyxl(
            file,
            """
            ws = wb["Slips"]
            result = {
                "sheets": ",".join(wb.sheetnames), "paper": str(ws.page_setup.paperSize), "orientation": str(ws.page_setup.orientation),
                "breaks": ",".join(str(b.id) for b in ws.row_breaks.brk),
                "header": ws.oddHeader.left.text + "|" + ws.oddHeader.right.text,
                "font": ws["B5"].font.name, "border": str(ws["A1"].border.top.style), "images": str(len(ws._images)),
            }
            """)
        #expect(setup["sheets"] == "Roster,Slips")
        #expect(setup["paper"] == "1" && setup["orientation"] == "portrait")  // Letter
        // A break after every page's worth of card rows (8 sheet rows each), and nowhere else.
        let rowsPerPage = layout.cardsDown * SlipLayout.Line.allCases.count
        let pages = layout.pages(for: 45)
        #expect(setup["breaks"] == (1..<pages).map { String($0 * rowsPerPage) }.joined(separator: ","))
        #expect(setup["header"] == "June Maths Paper 1|Page &P of &N")
        #expect(setup["font"] == "Courier New" && setup["border"] == "dashed")
    }

    @Test func aFullPageOfRosterRendersToo() throws {
        let rows = Self.rows(150)
        let (printed, _) = try print("roster.xlsx", rows, layouts: [.roster], paper: .a4)
        #expect(printed.pages.count >= 2)
        for row in rows {
            #expect(printed.pages.filter { $0.contains(row.username) && $0.contains(row.password!) }.count == 1)
        }
        // One page wide (no column on a page of its own), the header row on every page, "Page k of N" right.
        for (index, page) in printed.pages.enumerated() {
            #expect(page.contains("Page \(index + 1) of \(printed.pages.count)"))
            #expect(page.contains("Username") && page.contains("Password") && page.contains("Institution ID") && page.contains("June Maths Paper 1"))
        }
        if let samples = ProcessInfo.processInfo.environment["ADMIT_SAMPLES"] {
            try printed.png(to: URL(fileURLWithPath: samples).appendingPathComponent("roster.png"))
        }
    }

    @Test func unknownLayoutsAreOneSentence() throws {
        #expect(try SheetLayout.list(from: "roster,slips") == [.roster, .slips])
        let error = #expect(throws: AdmitError.self) { try SheetLayout.list(from: "poster") }
        #expect(error?.message == "\"poster\" is not a layout; choose roster, slips, or roster,slips")
        #expect(throws: AdmitError.self) { try SheetLayout.list(from: "slips,slips") }
    }
}
