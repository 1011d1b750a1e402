import AdmitCore
import Foundation

/// Cut-out slips: one card per candidate, two across (one when a credential is too long for two), as many down
/// as fit the paper, each framed by dashed cut lines. Page breaks fall only between cards, and row heights are
/// explicit (LibreOffice does not grow rows for wrapped text), so what prints is what was laid out.
final class SlipsSheet: SheetWriter {
    typealias Line = SlipLayout.Line

    /// Excel allows 1,023 manual page breaks per sheet: a new sheet starts before that.
    static let pagesPerSheet = 1_000

    let layout: SlipLayout
    private let workbook: Workbook
    private let heading: SheetHeading
    private let when: String?
    private var sheet: Worksheet
    private var sheetCount = 1
    private var pending: [CredentialRow] = []
    private var cardRows = 0  // card rows written on the current sheet
    private var formats: [String: Format] = [:]

    var notices: [String] { layout.notice.map { [$0] } ?? [] }

    init(workbook: Workbook, heading: SheetHeading, measure: SheetMeasure, paper: Worksheet.Paper) throws {
        self.workbook = workbook
        self.heading = heading
        layout = try SlipLayout(measure: measure, heading: heading, paper: paper)
        when = heading.sessionDate.map { Self.dateAndTime($0, in: heading.timeZone) }
        sheet = try workbook.addWorksheet("Slips")
        try setUp(sheet)
    }

    func add(_ row: CredentialRow) throws {
        pending.append(row)
        if pending.count == layout.across { try writeCards() }
    }

    func finish() throws {
        if !pending.isEmpty { try writeCards() }
        try setBreaks()
    }

    // MARK: Layout

    private func setUp(_ sheet: Worksheet) throws {
        for card in 0..<layout.across {
            let first = layout.firstColumn(ofCard: card)
            try sheet.setColumns(first...first, width: layout.labelUnits)
            try sheet.setColumns((first + 1)...(first + 1), width: layout.valueUnits)
            try sheet.setColumns((first + 2)...(first + 2), width: layout.qrUnits)
            if card + 1 < layout.across { try sheet.setColumns((first + 3)...(first + 3), width: layout.gutterUnits) }
        }
        // Every row is sized explicitly; this only makes libxlsxwriter anchor each QR code inside its own row.
        sheet.setDefaultRowHeight(layout.instructionsHeight)
        sheet.setPaper(layout.paper)
        sheet.setPortrait()
        // A safety net only: the columns already fit, and shrinking makes cards shorter, so breaks still fall between cards.
        sheet.fitToPages(wide: 1, tall: 0)
        sheet.setMargins(left: SlipLayout.sideMargin, right: SlipLayout.sideMargin, top: SlipLayout.margin, bottom: SlipLayout.margin)
        try sheet.setHeader("&L&\"-,Bold\"\(Worksheet.headerText(heading.sessionName))&RPage &P of &N")
        try sheet.setFooter("&LConfidential: cut along the dashed lines and hand each candidate their own slip")
    }

    private func writeCards() throws {
        if cardRows == Self.pagesPerSheet * layout.cardsDown {
            try setBreaks()
            sheetCount += 1
            sheet = try workbook.addWorksheet("Slips \(sheetCount)")
            try setUp(sheet)
            cardRows = 0
        }
        let top = cardRows * Line.allCases.count
        for line in Line.allCases {
            let row = top + line.rawValue
            try sheet.setRow(row, height: layout.height(of: line))
            for (index, entry) in pending.enumerated() {
                try writeCard(entry, line: line, row: row, column: layout.firstColumn(ofCard: index))
            }
        }
        pending.removeAll(keepingCapacity: true)
        cardRows += 1
    }

    private func writeCard(_ entry: CredentialRow, line: Line, row: Int, column: Int) throws {
        let first = line == .title
        let last = line == .instructions
        let whole = column...(column + 2)
        /// The label cell, left edge dashed, and the value, which runs on over the empty QR column (right edge dashed).
        /// Not merged: libxlsxwriter keeps every merged range in memory until the workbook closes, so the rows that
        /// need no merge (to shrink or wrap) have none.
        func labelled(_ label: String, _ value: String, style: String) throws {
            try sheet.write(label, row: row, column: column, format: format("label", top: first, bottom: last, left: true, right: false))
            try sheet.write(value, row: row, column: column + 1, format: format(style, top: first, bottom: last, left: false, right: false))
            try sheet.write("", row: row, column: column + 2, format: format("label", top: first, bottom: last, left: false, right: true))
        }
        switch line {
        case .title:
            try sheet.merge(heading.sessionName, row: row, columns: whole, format: format("title", top: true, bottom: false, left: true, right: true))
        case .when:
            // Always printed whole: shrunk if it must be, never cut.
            let text = [when, "Entry #\(entry.number)"].compactMap { $0 }.joined(separator: " · ")
            try sheet.merge(text, row: row, columns: whole, format: format("when", top: false, bottom: false, left: true, right: true))
        case .candidate:
            // The name the invigilator calls out, across the whole card; a long one shrinks rather than spill onto the next card.
            try sheet.merge(
                entry.candidate ?? "", row: row, columns: whole,
                format: format("candidate", top: false, bottom: false, left: true, right: true))
        case .institution:
            try labelled("Institution ID", entry.institutionCode, style: "code")
        case .username:
            try labelled("Username", entry.username, style: "credential")
        case .password:
            if let password = entry.password {
                try labelled("Password", CredentialPolicy.printed(password), style: "credential")
            } else {
                try labelled("Password", "(\(entry.state.rawValue): do not hand out)", style: "label")
            }
        case .instructions:
            let text = SlipLayout.instructions(signInURL: heading.signInURL, named: entry.candidate != nil)
            if layout.hasQRCode, let link = heading.signInLink(institution: entry.institutionCode, username: entry.username) {
                try sheet.merge(
                    text, row: row, columns: column...(column + 1),
                    format: format("instructions", top: false, bottom: true, left: true, right: false))
                try sheet.write("", row: row, column: column + 2, format: format("instructions", top: false, bottom: true, left: false, right: true))
                try placeQRCode(link, for: entry, row: row, column: column + 2)
            } else {
                try sheet.merge(text, row: row, columns: whole, format: format("instructions", top: false, bottom: true, left: true, right: true))
            }
        case .gap:
            break
        }
    }

    /// The QR code opens the sign-in page with the institution ID and username filled in, never the password.
    private func placeQRCode(_ link: String, for entry: CredentialRow, row: Int, column: Int) throws {
        let code = try QRCode(link)
        // Four pixels a module: a renderer that smooths a scaled-up image would blur single-pixel modules.
        let png = code.png(scale: 4)
        // Centred in the cell as Excel sizes it (7 pixels a unit): LibreOffice's wider cell only adds margin.
        let cell = (layout.qrUnits * 7 + 5) * 0.75
        try sheet.insertImage(
            png: png, row: row, column: column,
            offset: ((cell - layout.qrPoints) / 2, (layout.instructionsHeight - layout.qrPoints) / 2),
            points: layout.qrPoints, pixelsWide: code.sideWithQuietZone * 4, description: "Sign-in link for \(entry.username)")
    }

    /// Breaks after every page's worth of cards on the current sheet, and the cards as its print area: LibreOffice
    /// would otherwise shrink the page to fit a long name's unshrunk width.
    private func setBreaks() throws {
        if cardRows > 0 {
            try sheet.setPrintArea(rows: 0...(cardRows * Line.allCases.count - 1), columns: 0...(layout.firstColumn(ofCard: layout.across) - 2))
        }
        let pages = (cardRows + layout.cardsDown - 1) / layout.cardsDown
        guard pages > 1 else { return }
        try sheet.setPageBreaks(before: (1..<pages).map { $0 * layout.cardsDown * Line.allCases.count })
    }

    /// A format per style and set of dashed edges, made once.
    private func format(_ style: String, top: Bool, bottom: Bool, left: Bool, right: Bool) -> Format {
        let key = "\(style)\(top)\(bottom)\(left)\(right)"
        if let format = formats[key] { return format }
        let credentialSize = layout.credentialSize
        let format = workbook.addFormat { format in
            format.dashedEdges(top: top, bottom: bottom, left: left, right: right)
            format.alignVerticalCenter()
            switch style {
            case "title":
                format.bold()
                format.fontSize(11)
                format.shrinkToFit()
            case "when":
                format.fontSize(9)
                format.shrinkToFit()
            case "label":
                format.fontSize(SlipLayout.labelSize)
                format.fontColor(0x555555)
                format.shrinkToFit()
            case "code":
                format.fontName("Courier New")
                format.fontSize(12)
                format.bold()
            case "credential":
                format.fontName("Courier New")
                format.fontSize(credentialSize)
                format.bold()
            case "candidate":
                format.bold()
                format.fontSize(11)
                format.shrinkToFit()
            default:
                format.fontSize(SlipLayout.instructionSize)
                format.italic()
                format.wrap()
            }
        }
        formats[key] = format
        return format
    }

    /// The sitting's date and time in the session's zone, with the zone named: `2026-12-09 09:00 GMT`.
    static func dateAndTime(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm zzz"
        return formatter.string(from: date)
    }
}
