import Foundation

/// Which column of an uploaded file holds which roster field. Headings match whatever their case, spacing,
/// punctuation and accents, under the template's name or a common synonym; `--map` names the rest.
public struct RosterMapping: Sendable {
    /// The index of each roster field's column in the file.
    public let columns: [RosterColumn: Int]
    /// Headings that are no roster field: their cells are kept in the job's files but not imported.
    public let ignored: [String]

    /// Why the headings and the choices made do not give every required column.
    public enum Problem: Error, Equatable, Sendable {
        /// A choice names a heading the file does not have.
        case unknownHeading(RosterColumn, String)
        /// Two headings read as the same column.
        case ambiguous(RosterColumn, [String])
        /// Two columns are chosen from one heading.
        case sharedHeading([RosterColumn], String)
        /// No column for these required fields.
        case missing([RosterColumn])
    }

    /// The mapping of a file to import; a problem is refused in one sentence that names `--map`.
    public init(header: [String], overrides: [RosterColumn: String] = [:]) throws {
        let (columns, problem) = Self.match(header: header, overrides: overrides)
        if let problem { throw AdmitError(.invalidInput, .mapping(problem, header: header)) }
        self.init(header: header, columns: columns)
    }

    /// The columns an import job's files fill in (Entry GUID, Username, Password), found by heading alone, so
    /// that a job imported with choices made still gets its files.
    init(filesOf header: [String]) {
        self.init(header: header, columns: Self.match(header: header, overrides: [:]).columns)
    }

    private init(header: [String], columns: [RosterColumn: Int]) {
        let keys = header.map(Self.key)
        self.columns = columns
        let used = Set(columns.values)
        let others = header.indices.filter { !used.contains($0) && !keys[$0].isEmpty }
        ignored = others.map { header[$0] }
        // A column of passwords under a heading Admit does not know must not be kept either.
        secretColumns =
            (columns[.password].map { [$0] } ?? [])
            + others.filter { Self.isSecret(header[$0]) }
    }

    /// The column each field is read from, by the choices made and then by heading, and the first problem
    /// (nil when every required field has a column). Pages show the columns found beside the choices to make.
    public static func match(header: [String], overrides: [RosterColumn: String]) -> (columns: [RosterColumn: Int], problem: Problem?) {
        let keys = header.map(Self.key)
        var columns: [RosterColumn: Int] = [:]
        var problem: Problem?
        for column in RosterColumn.allCases {
            guard let heading = overrides[column] else { continue }
            guard let index = index(of: heading, in: header) else {
                problem = problem ?? .unknownHeading(column, heading)
                continue
            }
            if let other = columns.first(where: { $0.value == index })?.key {
                problem = problem ?? .sharedHeading([other, column], header[index])
            }
            columns[column] = index
        }
        for column in RosterColumn.allCases where columns[column] == nil && overrides[column] == nil {
            let names = Set(([column.rawValue] + column.synonyms).map(Self.key))
            let found = keys.indices.filter { names.contains(keys[$0]) && !columns.values.contains($0) }
            if found.count > 1 {
                problem = problem ?? .ambiguous(column, found.map { header[$0] })
                continue
            }
            columns[column] = found.first
        }
        let missing = RosterColumn.allCases.filter { $0.isRequired && columns[$0] == nil }
        if problem == nil, !missing.isEmpty { problem = .missing(missing) }
        return (columns, problem)
    }

    /// Where `heading` is in `header`, compared as headings are (any case, spacing, punctuation and accents).
    public static func index(of heading: String, in header: [String]) -> Int? {
        let wanted = key(heading)
        return wanted.isEmpty ? nil : header.firstIndex { key($0) == wanted }
    }

    /// A heading that reads as a roster column: a pasted block whose first row has none has no heading row.
    public static func column(named heading: String) -> RosterColumn? {
        let wanted = key(heading)
        return RosterColumn.allCases.first { column in ([column.rawValue] + column.synonyms).contains { key($0) == wanted } }
    }

    /// Columns whose cells are never kept: the password column, and any other whose heading names a secret.
    public let secretColumns: [Int]
    private static let secretWords = ["pass", "pwd", "secret", "kennwort", "contrasen", "senha", "wachtwoord", "accesscode"]

    /// Whether a heading names a secret (a password, an access code): its cells are never kept or shown.
    public static func isSecret(_ heading: String) -> Bool {
        let key = key(heading)
        return column(named: heading) == .password || secretWords.contains { key.contains($0) }
    }

    /// Reads `--map` options: `Given Name=Prénom` (the template's column, then the file's heading).
    public static func overrides(_ specs: [String]) throws -> [RosterColumn: String] {
        var overrides: [RosterColumn: String] = [:]
        for spec in specs {
            let parts = spec.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty,
                let column = RosterColumn.allCases.first(where: { key($0.rawValue) == key(parts[0]) })
            else {
                throw AdmitError(.invalidInput, .notAColumnChoice(spec))

            }
            overrides[column] = parts[1]
        }
        return overrides
    }

    /// A field's cell in a row: trimmed, "" when the file has no such column. A leading `'` that a CSV
    /// formula guard put before `=`, `+`, `-` or `@` is taken off again.
    public func value(_ column: RosterColumn, in cells: [String]) -> String {
        guard let index = columns[column], index < cells.count else { return "" }
        let cell = cells[index].trimmingCharacters(in: .whitespacesAndNewlines)
        if cell.hasPrefix("'"), let second = cell.dropFirst().first, "=+-@".contains(second) { return String(cell.dropFirst()) }
        return cell
    }

    /// A heading as compared: a bracketed note taken off ("First Name [Required]", as Google's and Microsoft's
    /// consoles write it), accents folded, lower case, letters and digits only ("E-mail" → "email").
    static func key(_ heading: String) -> String {
        let bare = heading.replacingOccurrences(of: #"\s*\[[^\]]*\]\s*$"#, with: "", options: .regularExpression)
        let folded = bare.applyingTransform(.stripDiacritics, reverse: false) ?? bare
        return String(folded.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    static func list(_ header: [String]) -> String {
        let named = header.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return named.isEmpty ? "no headings" : named.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
