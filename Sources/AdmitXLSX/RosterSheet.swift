import AdmitCSV
import AdmitCore
import Foundation

/// The roster table: one row per entry, ready to print: columns sized from the longest value each prints, one
/// page wide at full size (landscape when portrait is too narrow), header row repeated on every page.
final class RosterSheet: SheetWriter {
    /// The CSV's columns and cells (`RosterTable`), printed.
    static let columns = RosterTable.columns
    static let credentialSize = 12.0
    /// The widest a candidate or session column grows before its text shrinks to fit, in characters.
    static let longestName = 40, longestSession = 24

    struct Layout {
        /// Column widths in Excel's units, in `columns` order.
        var widths: [Double]
        var landscape: Bool
        /// Whether the Session column prints; when it does not fit, the page header already names the session.
        var printsSession: Bool
    }

    /// Sized from the longest values: credentials at full size always; portrait when everything fits, else landscape;
    /// if that is still too narrow, names shrink to fit their headings, then the Session column stays off the page.
    static func layout(_ measure: SheetMeasure, sessionName: String, paper: Worksheet.Paper) -> Layout {
        // Headings wrap onto two lines, so a column needs only the width of its longest word.
        let header = columns.map { title in
            title.split(separator: " ").map { PrintMetrics.proportional($0.count, size: 11, bold: true) }.max() ?? 0
        }
        func width(_ column: Int, _ text: Double) -> Double {
            // Candidate and Session shrink to fit: an estimate a little short costs nothing.
            [3, 6].contains(column)
                ? max(PrintMetrics.units(holding: header[column]), PrintMetrics.units(shrinking: text))
                : PrintMetrics.units(holding: max(header[column], text))
        }
        let widths = [
            width(0, PrintMetrics.proportional(String(measure.largestNumber).count, size: 11)),
            max(width(1, 0), PrintMetrics.units(holdingMonospaced: measure.username, size: credentialSize)),
            max(width(2, 0), PrintMetrics.units(holdingMonospaced: measure.password, size: credentialSize)),
            width(3, PrintMetrics.proportional(min(measure.candidate, longestName), size: 11)),
            width(4, PrintMetrics.proportional(measure.institutionCode, size: 11)),
            width(5, PrintMetrics.proportional("withdrawn".count, size: 11)),
            width(6, PrintMetrics.proportional(min(sessionName.count, longestSession), size: 11)),
        ]
        func total(_ widths: [Double], printingSession: Bool = true) -> Double {
            widths.prefix(printingSession ? columns.count : columns.count - 1).map(PrintMetrics.points(ofUnits:)).reduce(0, +)
        }
        func with(candidate: Int?, session: Int?) -> [Double] {
            var narrower = widths
            if let candidate { narrower[3] = width(3, PrintMetrics.proportional(min(measure.candidate, candidate), size: 11)) }
            if let session { narrower[6] = width(6, PrintMetrics.proportional(min(sessionName.count, session), size: 11)) }
            return narrower
        }
        // Widths are counted as LibreOffice prints them, wider than Excel: no margin to spare beyond that.
        let portrait = paper.width - 72
        let landscape = paper.height - 72
        // Portrait holds more rows a page: names shrink a little for it, and the Session column (the page header names
        // the session) stays off the printout, before the page turns.
        let tries: [(widths: [Double], landscape: Bool, session: Bool)] = [
            (widths, false, true), (with(candidate: nil, session: 0), false, true), (with(candidate: 24, session: 0), false, true),
            (widths, false, false), (with(candidate: 24, session: nil), false, false),
            (widths, true, true), (with(candidate: 20, session: 0), true, true), (with(candidate: 0, session: 0), true, false),
        ]
        for attempt in tries where total(attempt.widths, printingSession: attempt.session) <= (attempt.landscape ? landscape : portrait) {
            return Layout(widths: attempt.widths, landscape: attempt.landscape, printsSession: attempt.session)
        }
        return Layout(widths: with(candidate: 0, session: 0), landscape: true, printsSession: false)
    }

    private let sheet: Worksheet
    private let formats: [Format?]
    private let printsSession: Bool
    private var nextRow = 1

    init(workbook: Workbook, heading: SheetHeading, measure: SheetMeasure, paper: Worksheet.Paper) throws {
        sheet = try workbook.addWorksheet("Roster")
        let header = workbook.addFormat {
            $0.bold()
            $0.background(0xD9D9D9)
            $0.bottomBorder()
            $0.wrap()
            $0.alignTop()
        }
        let number = workbook.addFormat { $0.alignCenter() }
        let credential = workbook.addFormat {
            $0.fontName("Courier New")
            $0.fontSize(Self.credentialSize)
        }
        // A long name shrinks rather than lose its candidate number to the next column.
        let shrinking = workbook.addFormat { $0.shrinkToFit() }
        formats = [number, credential, credential, shrinking, nil, nil, shrinking]

        let layout = Self.layout(measure, sessionName: heading.sessionName, paper: paper)
        printsSession = layout.printsSession
        for (column, width) in layout.widths.enumerated() {
            try sheet.setColumns(column...column, width: width, format: formats[column])
        }
        // Two lines, for headings that wrap in a narrow column.
        try sheet.setRow(0, height: 30)
        for (column, title) in Self.columns.enumerated() {
            try sheet.write(title, row: 0, column: column, format: header)
        }

        sheet.setPaper(paper)
        if layout.landscape { sheet.setLandscape() } else { sheet.setPortrait() }
        // A safety net only: the columns were sized to fit at full size.
        sheet.fitToPages(wide: 1, tall: 0)
        sheet.setMargins(left: 0.5, right: 0.5, top: 0.75, bottom: 0.75)
        sheet.printGridlines()
        sheet.freezePanes(rows: 1, columns: 0)
        try sheet.repeatRows(0...0)
        try sheet.setHeader(
            "&L&\"-,Bold\"\(Worksheet.headerText(heading.sessionName))&R\(Worksheet.headerText(heading.institutionCode + " · " + heading.institutionName, limit: 60))"
        )
        try sheet.setFooter("&LConfidential: login credentials&RPage &P of &N")
    }

    func add(_ row: CredentialRow) throws {
        try sheet.write(Double(row.number), row: nextRow, column: 0, format: formats[0])
        for (column, text) in RosterTable.cells(row).enumerated().dropFirst() where !text.isEmpty {
            try sheet.write(text, row: nextRow, column: column, format: formats[column])
        }
        nextRow += 1
    }

    func finish() throws {
        if !printsSession { try sheet.setPrintArea(rows: 0...max(nextRow - 1, 1), columns: 0...(Self.columns.count - 2)) }
        try sheet.autofilter(firstRow: 0, firstColumn: 0, lastRow: max(nextRow - 1, 1), lastColumn: Self.columns.count - 1)
    }
}
