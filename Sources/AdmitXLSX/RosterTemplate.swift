import AdmitCSV
import AdmitCore
import Foundation

/// The blank roster a coordinator fills in for `admit import`: a "Candidates" sheet, first because the importer
/// reads the first sheet, and an "Instructions" sheet. Cells are text, so Excel keeps candidate numbers' leading
/// zeros and long IDs as typed; Date of Birth alone is a date column.
public enum RosterTemplate {
    /// Rows 2…10,001 carry the data validation and input messages.
    static let dataRows = 1...10_000

    public static func writeXLSX(to url: URL) throws {
        let workbook = try Workbook(path: url.path)
        try writeCandidates(workbook.addWorksheet("Candidates"), workbook)
        try writeInstructions(workbook.addWorksheet("Instructions"), workbook)
        try workbook.close()
    }

    /// The header line alone, UTF-8 with a byte-order mark so Excel reads accents right, CRLF.
    public static func csv() -> Data {
        CSVFile.byteOrderMark + CSVFile.line(RosterColumn.allCases.map(\.rawValue))
    }

    static func width(_ column: RosterColumn) -> Double {
        switch column {
        case .candidateNumber: 18
        case .givenName, .familyName: 20
        case .email: 30
        case .birthDate: 14
        case .group: 12
        case .username, .password: 16
        case .entryGUID: 38
        }
    }

    private static func writeCandidates(_ sheet: Worksheet, _ workbook: Workbook) throws {
        let text = workbook.addFormat { $0.numberFormat("@") }
        let date = workbook.addFormat { $0.numberFormat("yyyy-mm-dd") }
        let required = workbook.addFormat {
            $0.bold()
            $0.background(requiredFill)
            $0.bottomBorder()
        }
        let optional = workbook.addFormat {
            $0.background(0xE7E6E6)
            $0.bottomBorder()
        }

        for (index, column) in RosterColumn.allCases.enumerated() {
            try sheet.setColumns(index...index, width: width(column), format: column == .birthDate ? date : text)
            try sheet.write(column.rawValue, row: 0, column: index, format: column.isRequired ? required : optional)
            try sheet.validate(
                rows: dataRows, columns: index...index, validation(column, firstCell: Worksheet.cellName(row: dataRows.lowerBound, column: index)))
        }
        sheet.freezePanes(rows: 1, columns: 0)
        sheet.setLandscape()
        sheet.fitToPages(wide: 1, tall: 0)
        sheet.activate()
    }

    /// Each column's rule, with its instruction shown as the cell is selected.
    static func validation(_ column: RosterColumn, firstCell: String) -> DataValidation {
        var rule = DataValidation.Rule.any
        var error: String?
        switch column {
        case .candidateNumber:
            rule = .maximumLength(32)
            error = "A candidate number is up to 32 characters."
        case .givenName, .familyName:
            rule = .maximumLength(100)
            error = "A name is up to 100 characters."
        case .email:
            rule = .custom("ISNUMBER(SEARCH(\"@\",\(firstCell)))")
            error = "An e-mail address has an @, such as maria.garcia@example.org."
        case .birthDate:
            rule = .dateBetween("DATE(1900,1,1)", "TODAY()")
            error = "Type a date between 1900-01-01 and today, as YYYY-MM-DD: 2008-05-31."
        case .group, .username, .password, .entryGUID:
            break
        }
        return DataValidation(rule, inputTitle: column.rawValue, inputMessage: column.instruction, errorTitle: column.rawValue, errorMessage: error)
    }

    static let requiredFill: Int32 = 0xFFE699

    static let steps = [
        "Fill in one row per candidate on the Candidates sheet, from row 2. Keep the headings in row 1 as they are; Admit reads the first sheet only.",
        "Candidate Number, Given Name and Family Name are required (bold headings on a yellow fill). The other columns may stay blank.",
        "Leave Entry GUID blank for new candidates. To update a candidate Admit already has, keep the Entry GUID from Admit's file.",
        "Leave Username and Password blank and Admit makes them. A password you give must pass the password policy.",
        "Type dates as 2008-05-31. In a CSV file write them exactly so (YYYY-MM-DD).",
        "Save as Excel Workbook (.xlsx), or as CSV UTF-8 (comma delimited) (.csv).",
        "Check the file without changing anything: admit import SESSION FILE --dry-run",
        "Then import it: admit import SESSION FILE",
    ]

    private static func writeInstructions(_ sheet: Worksheet, _ workbook: Workbook) throws {
        let title = workbook.addFormat {
            $0.bold()
            $0.fontSize(14)
        }
        let bold = workbook.addFormat {
            $0.bold()
            $0.alignTop()
        }
        let header = workbook.addFormat {
            $0.bold()
            $0.background(0xD9D9D9)
            $0.bottomBorder()
        }
        let required = workbook.addFormat {
            $0.bold()
            $0.background(requiredFill)
            $0.alignTop()
        }
        let body = workbook.addFormat {
            $0.wrap()
            $0.alignTop()
        }
        try sheet.setColumns(0...0, width: 20)
        try sheet.setColumns(1...1, width: 11)
        try sheet.setColumns(2...2, width: 90)

        try sheet.write("How to fill in an Admit roster", row: 0, column: 0, format: title)
        try sheet.setRow(0, height: 22)
        var row = 2
        for (number, step) in steps.enumerated() {
            let text = "\(number + 1). \(step)"
            try sheet.merge(text, row: row, columns: 0...2, format: body)
            try fit(text, row: row, width: 130, on: sheet)
            row += 1
        }

        row += 1
        for (column, heading) in ["Column", "Required?", "What to write"].enumerated() {
            try sheet.write(heading, row: row, column: column, format: header)
        }
        for column in RosterColumn.allCases {
            row += 1
            try sheet.write(column.rawValue, row: row, column: 0, format: column.isRequired ? required : bold)
            try sheet.write(column.isRequired ? "Yes" : "No", row: row, column: 1, format: body)
            try sheet.write(column.instruction, row: row, column: 2, format: body)
            try fit(column.instruction, row: row, width: 100, on: sheet)
        }
        sheet.setPortrait()
        sheet.fitToPages(wide: 1, tall: 0)
    }

    /// Rows tall enough for wrapped text: neither Excel nor LibreOffice grows a row written by libxlsxwriter.
    private static func fit(_ text: String, row: Int, width: Int, on sheet: Worksheet) throws {
        let lines = (text.count + width - 1) / width
        if lines > 1 { try sheet.setRow(row, height: 15 * Double(lines)) }
    }
}
