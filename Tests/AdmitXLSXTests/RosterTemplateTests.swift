import AdmitCore
import Foundation
import Testing

@testable import AdmitXLSX

@Suite struct RosterTemplateTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-template-\(UUID())")
    let headings = RosterColumn.allCases.map(\.rawValue)

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    func template() throws -> URL {
        let file = folder.appendingPathComponent("roster-template.xlsx")
        try RosterTemplate.writeXLSX(to: file)
        return file
    }

    @Test func theFirstSheetIsCandidatesWithTheNineHeadingsAndOpensFirst() throws {
        struct Sheet: Decodable {
            var sheets: [String]
            var active: String
            var header: [String]
            var bold: [Bool]
            var freeze: String
        }
        let sheet: Sheet = try openpyxl(
            try template(),
            """
            ws = wb.worksheets[0]
            header = [c for c in next(ws.iter_rows(min_row=1, max_row=1))]
            result = {"sheets": wb.sheetnames, "active": wb.active.title, "header": [c.value for c in header],
                      "bold": [bool(c.font.b) for c in header], "freeze": ws.freeze_panes}
            """)
        #expect(sheet.sheets == ["Candidates", "Instructions"])
        #expect(sheet.active == "Candidates")
        #expect(sheet.header == headings)
        // The required headings stand out: bold on a fill; the optional ones are not bold.
        #expect(sheet.bold == RosterColumn.allCases.map(\.isRequired))
        #expect(sheet.freeze == "A2")
    }

    @Test func cellsAreTextExceptDateOfBirth() throws {
        let formats: [String] = try openpyxl(
            try template(),
            """
            from openpyxl.utils import get_column_letter
            ws = wb["Candidates"]
            result = [ws.column_dimensions[get_column_letter(i)].number_format for i in range(1, 10)]
            """)
        #expect(formats == RosterColumn.allCases.map { $0 == .birthDate ? "yyyy-mm-dd" : "@" })
    }

    @Test func dataValidationGuardsTheColumnsThatHaveRules() throws {
        struct Rule: Decodable, Equatable {
            var type: String?
            var op: String?
            var f1: String?
            var f2: String?
            var prompt: String?
            var error: String?
        }
        let rules: [String: Rule] = try openpyxl(
            try template(),
            """
            ws = wb["Candidates"]
            result = {str(dv.sqref): {"type": dv.type, "op": dv.operator, "f1": dv.formula1, "f2": dv.formula2,
                                      "prompt": dv.prompt, "error": dv.error} for dv in ws.data_validations.dataValidation}
            """)
        func rule(_ column: String) -> Rule? { rules["\(column)2:\(column)10001"] }
        #expect(rules.count == 9, "every column has an input message")
        #expect(
            rule("A")
                == Rule(
                    type: "textLength", op: "lessThanOrEqual", f1: "32", f2: nil,
                    prompt: RosterColumn.candidateNumber.instruction, error: "A candidate number is up to 32 characters."))
        #expect(rule("B")?.type == "textLength" && rule("B")?.f1 == "100")
        #expect(rule("C")?.type == "textLength" && rule("C")?.f1 == "100")
        #expect(rule("D")?.type == "custom" && rule("D")?.f1 == "ISNUMBER(SEARCH(\"@\",D2))")
        // "between" is the schema's default operator, which libxlsxwriter leaves out; openpyxl then reads None.
        #expect(
            rule("E")
                == Rule(
                    type: "date", op: nil, f1: "DATE(1900,1,1)", f2: "TODAY()", prompt: RosterColumn.birthDate.instruction,
                    error: "Type a date between 1900-01-01 and today, as YYYY-MM-DD: 2008-05-31."))
        #expect(rule("I")?.prompt == "Leave blank for new candidates. Filled in by Admit: a row with a GUID updates that entry.")
    }

    @Test func theInstructionsNameEveryColumnAndTheImportCommands() throws {
        let text: [String] = try openpyxl(
            try template(),
            """
            ws = wb["Instructions"]
            result = [str(c) for row in ws.iter_rows(values_only=True) for c in row if c is not None]
            """)
        let all = text.joined(separator: "\n")
        for column in RosterColumn.allCases {
            #expect(text.contains(column.rawValue), "\(column.rawValue) has a row in the table")
            #expect(text.contains(column.instruction))
        }
        #expect(all.contains("admit import SESSION FILE --dry-run"))
        #expect(all.contains("CSV UTF-8"))
        #expect(all.contains("Leave Entry GUID blank for new candidates"))
    }

    @Test func theCSVTemplateIsTheHeaderLineWithAByteOrderMark() {
        #expect(
            RosterTemplate.csv() == Data([0xEF, 0xBB, 0xBF])
                + Data("Candidate Number,Given Name,Family Name,Email,Date of Birth,Group,Username,Password,Entry GUID\r\n".utf8))
    }
}
