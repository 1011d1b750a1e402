import AdmitCore
import Foundation

/// The geometry of one export's slips, worked out from the longest values they print: the credentials' type
/// size, whether two cards fit across, the rows of a card and how many cards fit down a page.
struct SlipLayout {
    /// A card's rows, top to bottom; the last is the gap between cards.
    enum Line: Int, CaseIterable {
        case title, when, candidate, institution, username, password, instructions, gap
    }

    /// The columns of a card: labels, values, and the QR code's column (which the credentials also span).
    static let columnsPerCard = 3
    /// Inches: top and bottom, and left and right (narrower, so a 20-symbol password still fits two cards across).
    static let margin = 0.5, sideMargin = 0.4
    /// The type sizes a credential may print at, largest first: never smaller than 11 points.
    static let credentialSizes: [Double] = [15, 14, 13, 12, 11]
    static let labelSize = 8.0
    static let instructionSize = 8.0
    /// The smallest a QR code prints, and the least room each of its modules gets (a phone reads about 0.4 mm).
    static let smallestQRPoints = 50.0, pointsPerModule = 1.15

    let paper: Worksheet.Paper
    let across: Int
    let credentialSize: Double
    let hasQRCode: Bool
    /// The QR codes' side: enough for the longest sign-in link of this export.
    let qrPoints: Double
    /// Column widths in Excel's units: label, value, QR for each card, and the gutter between two cards.
    let labelUnits: Double, valueUnits: Double, qrUnits: Double, gutterUnits: Double
    let instructionsHeight: Double
    /// Said on stderr when long values made this export one card wide.
    let notice: String?

    init(measure: SheetMeasure, heading: SheetHeading, paper: Worksheet.Paper) throws {
        self.paper = paper
        let hasQRCode = heading.signInURL != nil
        let longest = max(measure.username, measure.slipPassword)
        // Labels shrink to fit if the estimate falls short: every point goes to the credentials.
        let label = PrintMetrics.units(shrinking: PrintMetrics.proportional("Institution ID".count, size: Self.labelSize))
        // Every link has the same address and the longest names' lengths at most: the longest makes the largest code.
        let longestLink = heading.signInLink(
            institution: String(repeating: "X", count: measure.institutionCode),
            username: String(repeating: "X", count: measure.username))
        let qrPoints = try longestLink.map { max(Self.smallestQRPoints, Double(try QRCode($0).sideWithQuietZone) * Self.pointsPerModule) } ?? 0
        self.qrPoints = qrPoints
        let qr = hasQRCode ? PrintMetrics.units(holding: qrPoints + 6) : 1
        let gutter = 2.0
        // 3 % of the printable width to spare, so that no renderer needs to shrink the page to fit.
        let printable = (paper.width - 2 * Self.sideMargin * 72) * 0.97
        func value(across: Int) -> Double {
            let columns = Double(across * Self.columnsPerCard + across - 1)
            let units = PrintMetrics.units(ofPoints: printable - (columns - 1) * 5 * 0.75)  // each column's padding, once counted
            return ((units - Double(across - 1) * gutter) / Double(across) - label - qr).rounded(.down)
        }
        func fits(_ size: Double, across: Int) -> Bool {
            // A credential runs on over the QR column.
            PrintMetrics.units(holdingMonospaced: longest, size: size) <= value(across: across) + qr
        }
        if let size = Self.credentialSizes.first(where: { fits($0, across: 2) }) {
            (across, credentialSize, notice) = (2, size, nil)
        } else if let size = Self.credentialSizes.first(where: { fits($0, across: 1) }) {
            (across, credentialSize) = (1, size)
            notice =
                "a credential of \(longest) characters does not fit two slips across at \(Int(Self.credentialSizes.last!)) points, so these slips print one to a row"
        } else {
            throw AdmitError(.invalidInput, .credentialTooLongToPrint(longest))
        }
        let valueUnits = value(across: across)
        (self.hasQRCode, labelUnits, qrUnits, gutterUnits, self.valueUnits) = (hasQRCode, label, qr, gutter, valueUnits)

        // The instructions wrap; a long sign-in address takes more lines.
        let room = PrintMetrics.textPointsPerUnit * (valueUnits + label + (hasQRCode ? 0 : qr))
        let perLine = max(1, Int(room / PrintMetrics.proportional(1, size: Self.instructionSize) / 1.15))
        let lines = (Self.instructions(signInURL: heading.signInURL, named: true).count + perLine - 1) / perLine
        instructionsHeight = max(hasQRCode ? qrPoints + 2 : 28, Double(lines) * 10 + 6)
    }

    func height(of line: Line) -> Double {
        switch line {
        case .title: 18
        case .when: 14
        case .candidate, .institution: 16
        case .username, .password: max(22, credentialSize + 7)
        case .instructions: instructionsHeight
        case .gap: 8
        }
    }

    var cardHeight: Double { Line.allCases.map(height).reduce(0, +) }

    /// Cards down a page: what fits the printable height, with 40 points to spare: LibreOffice takes room for the header and footer from the page.
    var cardsDown: Int { max(1, Int((paper.height - 2 * Self.margin * 72 - 40) / cardHeight)) }
    var cardsPerPage: Int { cardsDown * across }

    /// The pages `count` slips print on.
    func pages(for count: Int) -> Int { (count + cardsPerPage - 1) / cardsPerPage }

    /// The first column of the `index`th card across.
    func firstColumn(ofCard index: Int) -> Int { index * (Self.columnsPerCard + 1) }

    static func instructions(signInURL: String?, named: Bool) -> String {
        let place = signInURL.map { "Scan the code or sign in at \($0)" } ?? "Sign in with these details"
        // A named login keeps its username: only its temporary password is used up.
        return "\(place) and follow the steps; \(named ? "you then choose your own password" : "this login works once")."
    }
}
