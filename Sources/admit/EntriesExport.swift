import AdmitCore
import ArgumentParser
import Foundation

struct EntriesExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the credential files again for all or some of a session's entries.",
        discussion: "Passwords appear only for entries still issued. Every export is recorded in the audit trail.")

    @Argument(help: "The session's id, or its exact name.") var session: String
    @Option(help: ArgumentHelp("Only these entries, separated by commas: GUIDs, numbers (12 or #12) or usernames.", valueName: "entry,…"))
    var entries: String?
    @OptionGroup var selection: EntrySelection
    @Option(
        help: ArgumentHelp(
            "credentials (roster, slips, CSV with passwords) or template (the roster template's columns, no passwords, to edit and import again).",
            valueName: "format"))
    var format = "credentials"
    @OptionGroup var files: CredentialFileOptions
    @OptionGroup var options: StoreOptions

    func validate() throws {
        if files.xlsx == nil && files.csv == nil { throw ValidationError("Name a file: --xlsx FILE or --csv FILE.") }
    }

    func run() throws {
        guard ["credentials", "template"].contains(format) else {
            throw CommandError("\"\(format)\" is not an export format; choose credentials or template")
        }
        let filter = try selection.filter()
        let plan = format == "credentials" ? try files.plan() : nil
        let admissions = try options.admissions()
        let session = try admissions.session(session)
        let ids = try entries.map { try admissions.resolveEntries(EntryNames.list($0), in: session).map(\.id) }
        guard let plan else { return try exportTemplate(admissions, session, ids) }
        let progress = Progress(label: "exporting")
        var chosen = filter
        chosen.entryIDs = ids
        let outcome = try admissions.export(session: session, filter: chosen, to: plan.requests, progress: progress.update)
        progress.finish()
        plan.announce()
        for notice in outcome.notices { Console.error("admit: note: \(notice).") }
        if options.json { return try Console.json(ExportReport(count: outcome.count, files: outcome.files.map(\.path))) }
        for file in outcome.files { Console.line("Wrote \(counted(outcome.count, "entry", "entries")) to \(file.path)") }
    }
}

extension EntriesExport {
    private func exportTemplate(_ admissions: Admissions, _ session: TestSession, _ ids: [UUID]?) throws {
        if files.encrypt || files.encryptPasswordFile != nil {
            throw CommandError("the template format holds no passwords, so it is not encrypted; leave out --encrypt")
        }
        let requests = [files.xlsx, files.csv].compactMap { $0 }.map { RosterFile.request($0, sheetName: "Candidates") }
        let outcome = try admissions.exportTemplate(session: session, filter: try selection.filter(entries: ids), to: requests)
        if options.json { return try Console.json(ExportReport(count: outcome.count, files: outcome.files.map(\.path))) }
        for file in outcome.files {
            Console.line("Wrote \(counted(outcome.count, "entry", "entries")) to \(file.path) (template columns: edit, then `admit import`)")
        }
    }
}

/// What `entries export --json` prints.
struct ExportReport: Encodable {
    var count: Int
    var files: [String]
}

/// A progress line on stderr, only when stderr is a terminal.
final class Progress {
    private let label: String
    private let enabled = Console.stderrIsTerminal
    private var shown = false

    init(label: String) { self.label = label }

    func update(done: Int, total: Int) {
        guard enabled, total >= 2_000, done % 1_000 == 0 || done == total else { return }
        FileHandle.standardError.write(Data("\r\(label) \(done) of \(total) entries…".utf8))
        shown = true
    }

    func finish() {
        if shown { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
