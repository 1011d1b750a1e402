import Foundation
import Testing

@testable import AdmitCore
@testable import AdmitXLSX

/// The login report printed as a coordinator prints it: on the paper asked for, one page wide, every label whole,
/// times in one named zone.
@Suite struct ReportWorkbookTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-report-\(UUID())")
    let london = TimeZone(identifier: "Europe/London")!

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    func report(_ count: Int) -> LoginReport {
        let created = ISO8601DateFormatter().date(from: "2026-12-01T08:30:00Z")!
        let session = TestSession(id: UUID(), institutionCode: "GB042", name: "June Maths Paper 1", startsAt: nil, endsAt: nil, createdAt: created)
        let batch = UUID()
        let entries = (1...count).map { number in
            var entry = Entry(
                id: UUID(), sessionID: session.id, batchID: batch, number: number, username: SlipsSheetTests.code(number, length: 8, salt: 3),
                sealedPassword: nil, storedState: number % 3 == 0 ? .withdrawn : .converted, createdAt: created,
                expiresAt: created.addingTimeInterval(90 * 86_400), institutionCode: "GB042")
            entry.personalUsername = "maximiliana.montgomery-feath\(number)"
            entry.details = CandidateDetails(
                givenName: "Maximiliana Alexandrina", familyName: "Montgomery-Featherstonehaugh", candidateNumber: "2026/\(number)")
            entry.registeredAt = created.addingTimeInterval(3_600)
            entry.lastSignInAt = created.addingTimeInterval(7_200)
            entry.withdrawnAt = number % 3 == 0 ? created.addingTimeInterval(10_800) : nil
            return EntrySummary(entry, at: created.addingTimeInterval(20_000), group: "Group B — morning")
        }
        return LoginReport(
            session: session, generatedAt: created.addingTimeInterval(20_000),
            counts: Dictionary(grouping: entries, by: \.state).mapValues(\.count), entries: entries)
    }

    @Test(arguments: [Worksheet.Paper.a4, .letter])
    func theReportPrintsOnItsPaperOnePageWideWithEveryLabelWhole(paper: Worksheet.Paper) throws {
        let report = report(150)
        let file = folder.appendingPathComponent("report-\(paper).xlsx")
        try ReportWorkbook.write(report, institutionName: "Northfield College", paper: paper, timeZone: london, to: file)
        let setup: [String: String] = try openpyxl(
            file,
            """
            ws = wb["Login report"]
            result = {"paper": str(ws.page_setup.paperSize), "orientation": str(ws.page_setup.orientation),
                      "fitToHeight": str(ws.page_setup.fitToHeight), "titles": str(ws.print_title_rows)}
            """)
        #expect(setup["paper"] == (paper == .a4 ? "9" : "1") && setup["orientation"] == "landscape")
        #expect(setup["fitToHeight"] == "0" && setup["titles"] == "$8:$8")

        let printed = try PrintedPages(of: file)
        let words = try printed.words()
        #expect(printed.pages.count >= 2)
        // The summary's labels print whole, not cut to the width of the # column.
        for label in ["issued", "converted", "withdrawn", "expired", "total"] {
            #expect(words[0].contains { $0.text == label }, "the summary label \(label) is cut")
        }
        #expect(printed.pages[0].contains("Times are in Europe/London (GMT)."))
        #expect(printed.pages[0].contains("2026-12-01 09:30"), "times are not in the session's zone")  // 08:30 UTC + 1 h, GMT in December
        for (index, page) in printed.pages.enumerated() {
            #expect(page.contains("Entry") && page.contains("GUID") && page.contains("Personal"), "page \(index + 1) has no heading row")
        }
        // Every GUID and personal username whole, touching no other word: the Batch column no longer runs into the Entry GUIDs.
        for entry in report.entries {
            for text in [entry.guid.uuidString.lowercased(), entry.personalUsername!] {
                let found = words.joined().filter { $0.text == text }
                #expect(found.count == 1, "\(text) printed \(found.count) times whole")
                if let word = found.first, let page = words.firstIndex(where: { $0.contains { $0.text == text } }) {
                    #expect(!words[page].contains { $0.text != text && $0.overlaps(word) }, "\(word) touches another word")
                }
            }
        }
    }
}
