import AdmitCore

extension AdmitError {
    /// The refusal as the CLI says it: Core's sentence, naming the command or option that helps where there is one.
    var commandLineSentence: String {
        switch reason {
        case .institutionNotFound(let code): "there is no institution \(code); add it with `admit institution add \(code) --name NAME`"
        case .sessionNotFound: "\(message); `admit session list` shows them"
        case .importJobNotFound: "\(message); `admit import list` shows them"
        case .keyFileMissing(let path): "\(message) with `admit key generate --out \(path)`"
        case .outputExists(let path): "\(path) already exists; choose another name, or add --force to replace it"
        case .filesNotPlaced(let error, let saved): "\(error.description); \(Self.afterward(saved))"
        case .sheetUnwritten(let cause, let saved): "\(saved.done), but the sheet could not be written (\(cause)); \(Self.reprint(saved))"
        case .nothingToReprint(let session, let entries, allWithdrawn: false):
            "\(Reason.noPasswordToPrint(session, entries)); give a registered or expired entry a new password with `admit entries reset`"
        case .mapping(let problem, let header): Self.sentence(problem, header: header)
        case .notAColumnChoice(let spec):
            "--map takes COLUMN=HEADING, where COLUMN is one of: \(RosterColumn.allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(spec)\")"
        case .databaseMissing(let database, let address, let create):
            "there is no \(database) (\(address)); check --db, or create it first (\(create))"
        case .cannotListen(let address, .inUse):
            "cannot listen on \(address): another program already listens there; choose another --port or stop that program"
        // The CLI's user runs the installation: what the database itself said helps them (the server only logs it).
        default: if kind == .storage, let detail { "\(message) (\(detail))" } else { message }
        }
    }

    private static func afterward(_ saved: SavedAnyway) -> String {
        switch saved {
        case .entriesSaved: "the entries are saved, export them again with `admit entries export`"
        case .entriesReset: "\(saved.done); \(reprint(saved))"
        }
    }

    private static func reprint(_ saved: SavedAnyway) -> String {
        guard case .entriesReset(let session, let numbers) = saved else { return saved.again }
        return "print their sheet with `admit entries reprint \"\(session)\" \(numbers.map { "#\($0)" }.joined(separator: " ")) --xlsx FILE`"
    }

    private static func sentence(_ problem: RosterMapping.Problem, header: [String]) -> String {
        let headings = header.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let list = headings.isEmpty ? "no headings" : headings.map { "\"\($0)\"" }.joined(separator: ", ")
        return switch problem {
        case .unknownHeading(_, let heading):
            "--map names the heading \"\(heading)\", which the file does not have; it has: \(list)"
        case .ambiguous(let column, let headings):
            "the headings \(headings.map { "\"\($0)\"" }.joined(separator: " and ")) both read as \(column.rawValue); rename one, or choose with --map \"\(column.rawValue)=HEADING\""
        case .sharedHeading(let columns, let heading):
            "\(columns.map(\.rawValue).joined(separator: " and ")) cannot both be read from the heading \"\(heading)\"; map each to a column of its own"
        case .missing(let missing):
            "the file has no column for \(missing.map(\.rawValue).joined(separator: ", ")); it has: \(list). Rename its headings to the template's, or use --map \"\(missing[0].rawValue)=HEADING\""
        }
    }
}
