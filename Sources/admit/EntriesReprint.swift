import AdmitCore
import ArgumentParser
import Foundation

struct EntriesReprint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprint", abstract: "Write the sheet of chosen entries again (a lost slip), while their password is still sealed.",
        discussion:
            "The same as `admit entries export SESSION --entries …`, recorded as an export. An entry with nothing to hand out (registered, withdrawn or expired) refuses the request: reset it instead."
    )

    @OptionGroup var named: SessionEntries
    @OptionGroup var files: CredentialFileOptions
    @OptionGroup var options: StoreOptions

    func validate() throws {
        if files.xlsx == nil && files.csv == nil { throw ValidationError("Name a file: --xlsx FILE or --csv FILE.") }
    }

    func run() throws {
        let plan = try files.plan()
        let admissions = try options.admissions()
        let (session, ids) = try named.resolve(with: admissions)
        let outcome = try admissions.reprint(
            session: session, entries: ids,
            to: plan.requests)
        plan.announce()
        for notice in outcome.notices { Console.error("admit: note: \(notice).") }
        if options.json { return try Console.json(ExportReport(count: outcome.count, files: outcome.files.map(\.path))) }
        for file in outcome.files { Console.line("Wrote \(outcome.count) \(outcome.count == 1 ? "entry" : "entries") to \(file.path)") }
    }
}
