import AdmitCore
import Foundation

/// The sheets a credential workbook can hold.
public enum SheetLayout: String, CaseIterable, Sendable {
    case roster, slips

    /// Reads `roster`, `slips` or `roster,slips` as typed on the command line.
    public static func list(from text: String) throws -> [SheetLayout] {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let layouts = try names.map { name in
            guard let layout = SheetLayout(rawValue: name) else {
                throw AdmitError(.invalidInput, .notALayout(name))
            }
            return layout
        }
        guard !layouts.isEmpty, Set(layouts).count == layouts.count else {
            throw AdmitError(.invalidInput, .layoutTwice)
        }
        return layouts
    }
}

/// One layout's worksheet(s) inside a credential workbook.
protocol SheetWriter: AnyObject {
    func add(_ row: CredentialRow) throws
    func finish() throws
    var notices: [String] { get }
}

extension SheetWriter {
    var notices: [String] { [] }
}

/// A credential workbook: one sheet per layout, every row streamed into libxlsxwriter's constant-memory
/// mode, so a session of 100,000 entries needs no more memory than one of 10.
public final class CredentialWorkbook: CredentialSheetWriter {
    private let workbook: Workbook
    private let sheets: [any SheetWriter]

    /// - Parameter measure: the longest values the rows will hold, which size every layout.
    public init(
        path: URL, heading: SheetHeading, measure: SheetMeasure, layouts: [SheetLayout] = [.roster],
        paper: Worksheet.Paper = .a4
    ) throws {
        let workbook = try Workbook(path: path.path, constantMemory: true)
        self.workbook = workbook
        sheets = try layouts.map { layout -> any SheetWriter in
            switch layout {
            case .roster: try RosterSheet(workbook: workbook, heading: heading, measure: measure, paper: paper)
            case .slips: try SlipsSheet(workbook: workbook, heading: heading, measure: measure, paper: paper)
            }
        }
    }

    public var notices: [String] { sheets.flatMap(\.notices) }

    public func add(_ row: CredentialRow) throws {
        for sheet in sheets { try sheet.add(row) }
    }

    public func close() throws {
        for sheet in sheets { try sheet.finish() }
        try workbook.close()
    }
}
