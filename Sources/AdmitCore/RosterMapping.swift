import Foundation

/// Which column of an uploaded file holds which roster field. Headings match whatever their case, spacing,
/// punctuation and accents, under the template's name or a common synonym; `--map` names the rest.
public struct RosterMapping: Sendable {
    /// The index of each roster field's column in the file.
    public let columns: [RosterColumn: Int]
    /// Headings that are no roster field: their cells are kept in the job's files but not imported.
    public let ignored: [String]

    public init(header: [String], overrides: [RosterColumn: String] = [:]) throws {
        let keys = header.map(Self.key)
        var columns: [RosterColumn: Int] = [:]
        for (column, heading) in overrides {
            guard let index = keys.firstIndex(of: Self.key(heading)), !Self.key(heading).isEmpty else {
                throw AdmitError(.invalidInput, "--map names the heading \"\(heading)\", which the file does not have; it has: \(Self.list(header))")
            }
            columns[column] = index
        }
        for column in RosterColumn.allCases where columns[column] == nil {
            let names = Set(([column.rawValue] + column.synonyms).map(Self.key))
            let found = keys.indices.filter { names.contains(keys[$0]) && !columns.values.contains($0) }
            if found.count > 1 {
                throw AdmitError(
                    .invalidInput,
                    "the headings \(found.map { "\"\(header[$0])\"" }.joined(separator: " and ")) both read as \(column.rawValue); rename one, or choose with --map \"\(column.rawValue)=HEADING\""
                )
            }
            columns[column] = found.first
        }
        let missing = RosterColumn.allCases.filter { $0.isRequired && columns[$0] == nil }
        guard missing.isEmpty else {
            throw AdmitError(
                .invalidInput,
                "the file has no column for \(missing.map(\.rawValue).joined(separator: ", ")); it has: \(Self.list(header)). Rename its headings to the template's, or use --map \"\(missing[0].rawValue)=HEADING\""
            )
        }
        self.columns = columns
        let used = Set(columns.values)
        let others = header.indices.filter { !used.contains($0) && !keys[$0].isEmpty }
        ignored = others.map { header[$0] }
        // A column of passwords under a heading Admit does not know must not be kept either.
        secretColumns =
            (columns[.password].map { [$0] } ?? [])
            + others.filter { index in Self.secretWords.contains { keys[index].contains($0) } }
    }

    /// Columns whose cells are never kept: the password column, and any other whose heading names a secret.
    public let secretColumns: [Int]
    private static let secretWords = ["pass", "pwd", "secret", "kennwort", "contrasen", "senha", "wachtwoord", "accesscode"]

    /// Reads `--map` options: `Given Name=Prénom` (the template's column, then the file's heading).
    public static func overrides(_ specs: [String]) throws -> [RosterColumn: String] {
        var overrides: [RosterColumn: String] = [:]
        for spec in specs {
            let parts = spec.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty,
                let column = RosterColumn.allCases.first(where: { key($0.rawValue) == key(parts[0]) })
            else {
                throw AdmitError(
                    .invalidInput,
                    "--map takes COLUMN=HEADING, where COLUMN is one of: \(RosterColumn.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(spec)\")"
                )
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

    private static func list(_ header: [String]) -> String {
        let named = header.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return named.isEmpty ? "no headings" : named.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
