import AdmitCore
import ArgumentParser
import Foundation

struct ImportRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Import a roster into a session (the default: `admit import SESSION FILE`).",
        discussion: """
            Columns: \(RosterColumn.allCases.map { $0.rawValue + ($0.isRequired ? " (required)" : "") }.joined(separator: ", ")). \
            Headings match in any case and spacing, and common synonyms (First Name, Surname, Student ID, E-mail…) too. \
            A row with an Entry GUID updates that entry; an import never deletes or withdraws. \
            Blank usernames are made from the session's template; blank passwords become temporary ones (valid 90 days), \
            changed at first sign-in. Invalid rows are left out and reported with their row numbers.
            """)

    @Argument(help: "The session's id, or its exact name.") var session: String
    @Argument(
        help: ArgumentHelp(
            "The roster: a .csv (comma, semicolon or tab; UTF-8 or UTF-16) or .xlsx file, or - for rows pasted on standard input.", valueName: "file")
    )
    var file: String
    @Flag(help: "Check every row and report; change nothing.") var dryRun = false
    @Option(
        help: ArgumentHelp(
            "With --dry-run, where to write the rows with an Error column (default: beside the file, NAME-errors.EXT).", valueName: "file"))
    var errors: String?
    @Option(help: ArgumentHelp("The workbook's sheet to read (default: the first).", valueName: "name")) var sheet: String?
    @Option(
        help: ArgumentHelp(
            "The text encoding of a CSV file: utf-8, utf-16, windows-1252 or iso-8859-1 (default: UTF-8 or UTF-16 by its mark, else Windows-1252, said so).",
            valueName: "name"))
    var encoding: String?
    @Option(help: ArgumentHelp("Read a column under another heading, e.g. \"Given Name=Prénom\" (repeatable).", valueName: "column=heading"))
    var map: [String] = []
    @Option(help: ArgumentHelp("The first password of every row that gives none, from this file's first line.", valueName: "file"))
    var defaultPasswordFile: String?
    @OptionGroup var options: StoreOptions

    func validate() throws {
        if errors != nil && !dryRun {
            throw ValidationError("--errors goes with --dry-run; an import keeps its error file (admit import files JOB).")
        }
    }

    func run() throws {
        let upload = try RosterFile.upload(file, sheet: sheet, map: map, defaultPasswordFile: defaultPasswordFile, encoding: encoding)
        if let legacy = upload.readAs {
            Console.error(
                "admit: note: \(upload.fileName) is not UTF-8, so it was read as \(legacy); check the accents of the names below, or choose --encoding."
            )
        }
        let admissions = try options.admissions()
        let session = try admissions.session(session)
        if dryRun {
            let path = errors ?? Self.errorFilePath(for: file, format: upload.format)
            let report = try admissions.verifyImport(
                into: session, upload, errorFile: RosterFile.request(path, sheetName: "Errors", highlight: "Error"))
            if options.json { return try Console.json(report) }
            Console.line(
                "Checked \(counted(upload.rowCount, "row", "rows")) of \(upload.fileName) for \"\(session.name)\": \(Self.describe(report.counts))."
            )
            Self.show(report)
            if !report.errors.isEmpty { Console.line("Wrote every row with an Error column to \(path).") }
            Console.line("Nothing was changed (--dry-run).")
            return
        }
        let progress = Progress(label: "importing")
        let report = try admissions.importRoster(into: session, upload, progress: progress.update)
        progress.finish()
        if options.json { return try Console.json(report) }
        guard let job = report.job else { return }
        Console.line(
            "Import job \(job.id.lowercased) \(job.state.rawValue): \(Self.describe(report.counts)) of \(counted(job.rowCount, "row", "rows"))."
        )
        Self.show(report)
        Console.line(
            "Its files (uploaded, completed with the new temporary passwords, errors): admit import files \(job.id.lowercased.prefix(8)) --out DIR"
        )
    }

    /// `roster.csv` → `roster-errors.csv`, beside it; pasted rows → `import-errors.csv` here.
    static func errorFilePath(for file: String, format: ImportJob.Format) -> String {
        guard file != "-" else { return "import-errors.csv" }
        let url = URL(fileURLWithPath: file)
        return url.deletingPathExtension().path + "-errors." + (format == .xlsx ? "xlsx" : "csv")
    }

    static func describe(_ counts: ImportCounts) -> String {
        "\(counts.new) new, \(counts.updated) updated, \(counts.unchanged) unchanged, \(counts.errors) with errors"
    }

    static func show(_ report: ImportReport) {
        if !report.ignoredHeadings.isEmpty {
            Console.line("Not imported (no roster column): \(report.ignoredHeadings.map { "\"\($0)\"" }.joined(separator: ", ")).")
        }
        if !report.cutHeadings.isEmpty {
            Console.line(
                "Kept cut to their first 1,000 characters: the longer cells of \(report.cutHeadings.map { "\"\($0)\"" }.joined(separator: ", "))."
            )
        }
        for error in report.errors.prefix(10) { Console.line("  row \(error.row): \(error.message)") }
        if report.errors.count > 10 { Console.line("  … and \(counted(report.errors.count - 10, "more row", "more rows")) with errors.") }
    }
}
