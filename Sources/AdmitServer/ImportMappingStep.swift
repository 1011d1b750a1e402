import AdmitCore
import Foundation

/// The import's mapping step: when Core's mapping finds no column for a required field (or two for one), the
/// page asks for the file's heading of each field, in drop-downs; the choices are kept in the browser's session
/// for the test session, and later files with those headings are read with them.
enum ImportMappingStep {
    /// The form field of a roster column's drop-down: `map-givenname`.
    static func field(_ column: RosterColumn) -> String {
        "map-" + column.rawValue.lowercased().filter { $0.isLetter }
    }

    /// The choices posted: each column whose drop-down names a heading ("" is "not in the file").
    struct Form: Decodable {
        var token: String?
        var choices: [RosterColumn: String]

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            token = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "token"))
            var choices: [RosterColumn: String] = [:]
            for column in RosterColumn.allCases {
                let chosen = try container.decodeIfPresent(String.self, forKey: Key(stringValue: ImportMappingStep.field(column))) ?? ""
                if !chosen.isEmpty { choices[column] = chosen }
            }
            self.choices = choices
        }
    }

    /// The refusal of a mapping problem, about the drop-down it concerns.
    static func refusal(_ problem: RosterMapping.Problem, header: [String]) -> AdmitError {
        let column =
            switch problem {
            case .unknownHeading(let column, _), .ambiguous(let column, _): column
            case .sharedHeading(let columns, _): columns[columns.count - 1]
            case .missing(let columns): columns[0]
            }
        return AdmitError(.invalidInput, .mapping(problem, header: header), field: AdmitField(rawValue: field(column)))
    }

    /// The sentence beside the drop-down a mapping problem is about, in the page's words.
    static func words(_ problem: RosterMapping.Problem) -> String {
        switch problem {
        case .unknownHeading(let column, let heading):
            "the file has no heading “\(heading)”; choose one of its headings for \(column.rawValue)"
        case .ambiguous(let column, let headings):
            "the headings \(headings.map { "“\($0)”" }.joined(separator: " and ")) both read as \(column.rawValue); choose the one to use"
        case .sharedHeading(let columns, let heading):
            "\(columns.map(\.rawValue).joined(separator: " and ")) cannot both be read from “\(heading)”; choose a column of its own for \(columns[columns.count - 1].rawValue)"
        case .missing(let columns):
            "choose the file’s column for \(columns.map(\.rawValue).joined(separator: " and "))"
        }
    }

    /// The page: a drop-down per roster column with the file's headings (and the first row's cell, to recognise a
    /// column by; never a password's), the heading found or chosen selected. `problem` is why the step is shown; a
    /// `refusal` (choices posted that do not do) is shown beside its drop-down too.
    static func page(
        _ upload: RosterUpload, session: TestSession, choices: [RosterColumn: String], token: String, problem: AdmitError, refusal: AdmitError?,
        _ localization: Localization
    ) -> ImportMapPage {
        let (found, _) = RosterMapping.match(header: upload.header, overrides: choices)
        let first = upload.rows.first?.cells ?? []
        let headings = upload.header.indices.filter { !upload.header[$0].allSatisfy(\.isWhitespace) }
        let fields = RosterColumn.allCases.map { column in
            let name = field(column)
            let error = refusal?.field?.rawValue == name ? refusal.map { localization.pageMessage($0, nil) } : nil
            let selected = choices[column].flatMap { RosterMapping.index(of: $0, in: upload.header) } ?? found[column]
            let options = headings.map { index in
                let heading = upload.header[index]
                let sample = index < first.count && !RosterMapping.isSecret(heading) ? first[index] : ""
                return ImportMapPage.Option(
                    value: heading, label: sample.isEmpty ? heading : "\(heading) (\(sample.prefix(40)))", selected: index == selected)
            }
            return ImportMapPage.Field(
                field: name, column: column.rawValue, required: column.isRequired, options: options, fieldError: error, noneSelected: selected == nil)
        }
        return ImportMapPage(
            session: SessionRow(session), fileName: upload.fileName, token: token, fields: fields,
            problem: refusal == nil ? localization.pageMessage(problem, nil) : "")
    }
}
