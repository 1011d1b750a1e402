import AdmitCore
import Foundation

/// Cut-out slips: one card per candidate, two across, as many down as fit the paper, each framed by dashed
/// cut lines. Page breaks fall only between cards, and row heights are explicit (LibreOffice does not grow
/// rows for wrapped text), so what prints is what was laid out.
final class SlipsSheet: SheetWriter {
    /// A card's rows and their heights in points; the last row is the gap between cards. Every card has the
    /// candidate row, blank for a generic login, so all cards are one height and five still fit down A4.
    enum Line: Int, CaseIterable {
        case title, candidate, institution, username, password, number, instructions, gap

        var height: Double {
            switch self {
            case .title: 18
            case .candidate, .institution: 16
            case .username, .password: 22
            case .number: 14
            case .instructions: 28
            case .gap: 8
            }
        }
    }

    static let cardHeight = Line.allCases.map(\.height).reduce(0, +)
    static let margin = 0.5  // inches, top and bottom
    /// Excel allows 1,023 manual page breaks per sheet: a new sheet starts before that.
    static let pagesPerSheet = 1_000

    /// Cards down a page: what fits the printable height, with room to spare for renderers' rounding.
    static func cardsDown(on paper: Worksheet.Paper) -> Int {
        Int((paper.height - 2 * margin * 72 - 40) / cardHeight)
    }

    private let workbook: Workbook
    private let heading: SheetHeading
    private let paper: Worksheet.Paper
    private let cardsPerPage: Int
    private var sheet: Worksheet
    private var sheetCount = 1
    private var pending: CredentialRow?
    private var cardRows = 0  // card rows written on the current sheet
    private var formats: [String: Format] = [:]

    init(workbook: Workbook, heading: SheetHeading, paper: Worksheet.Paper) throws {
        self.workbook = workbook
        self.heading = heading
        self.paper = paper
        cardsPerPage = Self.cardsDown(on: paper)
        sheet = try workbook.addWorksheet("Slips")
        try setUp(sheet)
    }

    func add(_ row: CredentialRow) throws {
        guard let left = pending else { pending = row; return }
        pending = nil
        try writeCards(left, row)
    }

    func finish() throws {
        if let left = pending { try writeCards(left, nil) }
        pending = nil
        try setBreaks()
    }

    // MARK: Layout

    private func setUp(_ sheet: Worksheet) throws {
        // About 7.5 points a unit as LibreOffice prints: 67 units fit Letter's 540 printable points.
        try sheet.setColumns(0...0, width: 12)   // label
        try sheet.setColumns(1...1, width: 20)   // value
        try sheet.setColumns(2...2, width: 3)    // gutter between the two cards
        try sheet.setColumns(3...3, width: 12)
        try sheet.setColumns(4...4, width: 20)
        sheet.setPaper(paper)
        sheet.setPortrait()
        // A safety net only: shrinking makes cards shorter, so breaks still fall between whole cards.
        sheet.fitToPages(wide: 1, tall: 0)
        sheet.setMargins(left: 0.5, right: 0.5, top: Self.margin, bottom: Self.margin)
        try sheet.setHeader("&L&\"-,Bold\"\(Worksheet.headerText(heading.sessionName))&RPage &P of &N")
        try sheet.setFooter("&LConfidential: cut along the dashed lines and hand each candidate their own slip")
    }

    private func writeCards(_ left: CredentialRow, _ right: CredentialRow?) throws {
        if cardRows == Self.pagesPerSheet * cardsPerPage {
            try setBreaks()
            sheetCount += 1
            sheet = try workbook.addWorksheet("Slips \(sheetCount)")
            try setUp(sheet)
            cardRows = 0
        }
        let top = cardRows * Line.allCases.count
        for line in Line.allCases {
            let row = top + line.rawValue
            try sheet.setRow(row, height: line.height)
            try writeCard(left, line: line, row: row, column: 0)
            if let right { try writeCard(right, line: line, row: row, column: 3) }
        }
        cardRows += 1
    }

    private func writeCard(_ entry: CredentialRow, line: Line, row: Int, column: Int) throws {
        let first = line == .title, last = line == .instructions
        func cell(_ style: String) -> (Format, Format) {
            (format(style, top: first, bottom: last, left: true, right: false),
             format(style, top: first, bottom: last, left: false, right: true))
        }
        switch line {
        case .title:
            let date = heading.sessionDate.map { " · " + Self.day($0) } ?? ""
            try sheet.merge(heading.sessionName + date, row: row, columns: column...(column + 1),
                            format: format("title", top: true, bottom: false, left: true, right: true))
        case .candidate:
            // The name the invigilator calls out, across the whole card: a label would take a third of the width
            // a long name needs. Longer still, it shrinks rather than spill onto the next card.
            try sheet.merge(entry.candidate ?? "", row: row, columns: column...(column + 1),
                            format: format("candidate", top: false, bottom: false, left: true, right: true))
        case .institution:
            try sheet.write("Institution ID", row: row, column: column, format: cell("label").0)
            try sheet.write(entry.institutionCode, row: row, column: column + 1, format: cell("code").1)
        case .username:
            try sheet.write("Username", row: row, column: column, format: cell("label").0)
            try sheet.write(entry.username, row: row, column: column + 1, format: cell("credential").1)
        case .password:
            try sheet.write("Password", row: row, column: column, format: cell("label").0)
            // Only a generated code is grouped (K7QM-4XPA-9R): sign-in ignores its dashes, not a chosen password's.
            let password = entry.password.map { $0.allSatisfy(CredentialPolicy.alphabet.contains) ? CredentialPolicy.grouped($0) : $0 }
                ?? "(\(entry.state.rawValue): do not hand out)"
            try sheet.write(password, row: row, column: column + 1, format: cell(entry.password == nil ? "label" : "credential").1)
        case .number:
            try sheet.write("Entry", row: row, column: column, format: cell("label").0)
            try sheet.write("#\(entry.number)", row: row, column: column + 1, format: cell("small").1)
        case .instructions:
            let place = heading.signInURL.map { "Sign in at \($0)" } ?? "Sign in with these details"
            // A named login keeps its username: only its temporary password is used up.
            let once = entry.candidate == nil ? "this login works once" : "you then choose your own password"
            try sheet.merge("\(place) and follow the steps; \(once).", row: row, columns: column...(column + 1),
                            format: format("instructions", top: false, bottom: true, left: true, right: true))
        case .gap:
            break
        }
    }

    /// Breaks after every page's worth of cards on the current sheet.
    private func setBreaks() throws {
        let pages = (cardRows + cardsPerPage - 1) / cardsPerPage
        guard pages > 1 else { return }
        try sheet.setPageBreaks(before: (1..<pages).map { $0 * cardsPerPage * Line.allCases.count })
    }

    /// A format per style and set of dashed edges, made once.
    private func format(_ style: String, top: Bool, bottom: Bool, left: Bool, right: Bool) -> Format {
        let key = "\(style)\(top)\(bottom)\(left)\(right)"
        if let format = formats[key] { return format }
        let format = workbook.addFormat { format in
            format.dashedEdges(top: top, bottom: bottom, left: left, right: right)
            format.alignVerticalCenter()
            switch style {
            case "title": format.bold(); format.fontSize(11)
            case "label": format.fontSize(9); format.fontColor(0x555555)
            case "code": format.fontName("Courier New"); format.fontSize(12); format.bold()
            case "credential": format.fontName("Courier New"); format.fontSize(15); format.bold()
            case "candidate": format.bold(); format.fontSize(11); format.shrinkToFit()
            case "small": format.fontSize(9)
            default: format.fontSize(8); format.italic(); format.wrap()
            }
        }
        formats[key] = format
        return format
    }

    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
