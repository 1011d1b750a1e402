import AdmitCore
@testable import AdmitXLSX
import Foundation
import Testing

@Suite struct SlipsSheetTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-slips-\(UUID())")
    let heading = SheetHeading(sessionName: "June Maths Paper 1", institutionCode: "GB042", institutionName: "Northfield College",
                               sessionDate: ISO8601DateFormatter().date(from: "2026-12-09T09:00:00Z"),
                               signInURL: "https://exams.northfield.example/")

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    /// `count` credentials like the generator's: 8-symbol usernames, 10-symbol passwords.
    func rows(_ count: Int) -> [CredentialRow] {
        (1...count).map { number in
            let code = String(format: "%04d", number).map { "ABCDEFGHJK"[String.Index(utf16Offset: Int(String($0))!, in: "ABCDEFGHJK")] }
            return CredentialRow(number: number, entryID: UUID(), username: "USR" + String(code) + "Z", password: "PW" + String(code) + "X7QM",
                                 institutionCode: "GB042", state: .issued, sessionName: heading.sessionName)
        }
    }

    /// Named entries for every odd number, one with a name long enough to need shrinking; the rest generic.
    func candidate(_ number: Int) -> String? {
        number == 7 ? "Maximiliana Alexandrina Montgomery-Featherstonehaugh · 2026/10449"
            : number % 2 == 1 ? "Maria Garcia \(number) · 1044\(number)" : nil
    }

    func workbook(_ name: String, _ count: Int, layouts: [SheetLayout], paper: Worksheet.Paper, named: Bool = false) throws -> (URL, [CredentialRow]) {
        let file = folder.appendingPathComponent(name)
        var credentials = rows(count)
        if named { for index in credentials.indices { credentials[index].candidate = candidate(credentials[index].number) } }
        let sheet = try CredentialWorkbook(path: file, heading: heading, layouts: layouts, paper: paper)
        for row in credentials { try sheet.add(row) }
        try sheet.close()
        return (file, credentials)
    }

    @Test(arguments: [(Worksheet.Paper.a4, 10), (.letter, 8)])
    func everySlipPrintsWholeOnOnePage(paper: Worksheet.Paper, perPage: Int) throws {
        #expect(SlipsSheet.cardsDown(on: paper) * 2 == perPage)
        let (file, credentials) = try workbook("slips-\(paper).xlsx", 25, layouts: [.slips], paper: paper)
        let printed = try PrintedPages(of: file)
        #expect(printed.pages.count == (25 + perPage - 1) / perPage)
        for row in credentials {
            let grouped = CredentialPolicy.grouped(row.password!)
            let pages = printed.pages.indices.filter { printed.pages[$0].contains(row.username) }
            #expect(pages.count == 1, "\(row.username) printed on pages \(pages)")
            if let page = pages.first {
                #expect(printed.pages[page].contains(grouped), "\(row.username)'s password \(grouped) is not on its page")
                #expect(printed.pages[page].contains("#\(row.number)"))
            }
        }
        #expect(printed.pages.allSatisfy { $0.contains("June Maths Paper 1") && $0.contains("Page") })
        #expect(printed.pages[0].contains("Sign in at https://exams.northfield.example/"))
        #expect(printed.pages[0].contains("2026-12-09"))

        if let samples = ProcessInfo.processInfo.environment["ADMIT_SAMPLES"], paper == .a4 {
            try printed.png(to: URL(fileURLWithPath: samples).appendingPathComponent("slips.png"))
        }
    }

    @Test(arguments: [(Worksheet.Paper.a4, 10), (.letter, 8)])
    func aNamedSlipPrintsItsCandidateWithItsCredentials(paper: Worksheet.Paper, perPage: Int) throws {
        let (file, credentials) = try workbook("named-\(paper).xlsx", 25, layouts: [.slips], paper: paper, named: true)
        let printed = try PrintedPages(of: file)
        #expect(printed.pages.count == (25 + perPage - 1) / perPage, "the candidate line costs no slips per page")
        for row in credentials {
            let pages = printed.pages.indices.filter { printed.pages[$0].contains(row.username) }
            #expect(pages.count == 1, "\(row.username) printed on pages \(pages)")
            guard let page = pages.first.map({ printed.pages[$0] }) else { continue }
            #expect(page.contains(CredentialPolicy.grouped(row.password!)))
            if let candidate = row.candidate, row.number != 7 {
                #expect(page.contains(candidate), "\(candidate) is not on \(row.username)'s page")
            }
        }
        // The long name is shrunk to its card, not cut: its number still prints.
        #expect(printed.pages[0].contains("2026/10449"))
    }

    /// A password given in a roster file is typed exactly as given: grouping it in fours would print a different one.
    @Test func aChosenPasswordPrintsAsItIsAndOnlyAGeneratedCodeIsGrouped() throws {
        let file = folder.appendingPathComponent("chosen.xlsx")
        var credentials = rows(2)
        credentials[0].password = "Correct-horse-77"
        for index in credentials.indices { credentials[index].candidate = candidate(credentials[index].number) }
        let sheet = try CredentialWorkbook(path: file, heading: heading, layouts: [.slips], paper: .a4)
        for row in credentials { try sheet.add(row) }
        try sheet.close()
        let page = try #require(try PrintedPages(of: file).pages.first)
        #expect(page.contains("Correct-horse-77") && !page.contains("Corr-ect-"))
        #expect(page.contains(CredentialPolicy.grouped(credentials[1].password!)))
        // Card 1 is named (its username stays), card 2 generic (its whole login is used up).
        #expect(page.contains("you then choose your own password") && page.contains("this login works once"))
    }

    @Test func theRosterPrintsTheCandidateOnTheEntrysLine() throws {
        let (file, credentials) = try workbook("named-roster.xlsx", 20, layouts: [.roster], paper: .a4, named: true)
        let printed = try PrintedPages(of: file)
        let lines = printed.pages.flatMap { $0.split(separator: "\n").map(String.init) }
        for row in credentials {
            let line = lines.first { $0.contains(row.username) }
            #expect(line?.contains(row.password!) == true)
            if let candidate = row.candidate, row.number != 7 { #expect(line?.contains(candidate) == true, "\(line ?? "")") }
        }
        #expect(printed.pages.count == 1 && printed.pages[0].contains("Candidate"))
    }

    @Test func thePrintSetupBreaksOnlyBetweenCards() throws {
        let (file, _) = try workbook("setup.xlsx", 45, layouts: [.roster, .slips], paper: .letter)
        let setup: [String: String] = try openpyxl(file, """
            ws = wb["Slips"]
            result = {
                "sheets": ",".join(wb.sheetnames), "paper": str(ws.page_setup.paperSize), "orientation": str(ws.page_setup.orientation),
                "breaks": ",".join(str(b.id) for b in ws.row_breaks.brk),
                "header": ws.oddHeader.left.text + "|" + ws.oddHeader.right.text,
                "height": str(ws.row_dimensions[2].height), "font": ws["B3"].font.name, "border": str(ws["A1"].border.top.style),
            }
            """)
        #expect(setup["sheets"] == "Roster,Slips")
        #expect(setup["paper"] == "1" && setup["orientation"] == "portrait")  // Letter
        // 45 slips, 8 to a page: 23 card rows of 8 sheet rows, a break after every 4 card rows.
        #expect(setup["breaks"] == "32,64,96,128,160")
        #expect(setup["header"] == "June Maths Paper 1|Page &P of &N")
        #expect(setup["height"] == "16.0")
        #expect(setup["font"] == "Courier New" && setup["border"] == "dashed")
    }

    @Test func aFullPageOfRosterRendersToo() throws {
        let (file, credentials) = try workbook("roster.xlsx", 150, layouts: [.roster], paper: .a4)
        let printed = try PrintedPages(of: file)
        #expect(printed.pages.count >= 2)
        for row in credentials {
            #expect(printed.pages.filter { $0.contains(row.username) && $0.contains(row.password!) }.count == 1)
        }
        // One page wide (no column on a page of its own), the header row on every page, "Page k of N" right.
        for (index, page) in printed.pages.enumerated() {
            #expect(page.contains("Page \(index + 1) of \(printed.pages.count)"))
            #expect(page.contains("Username") && page.contains("Institution ID") && page.contains("Session"))
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
