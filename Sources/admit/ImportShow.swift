import AdmitCore
import ArgumentParser

struct ImportShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One import job: its state, counts and the rows with errors.")

    @Argument(help: "The job's id, or its first 8 characters or more.") var job: String
    @OptionGroup var options: StoreOptions

    func run() throws {
        let admissions = try options.admissions()
        let job = try admissions.importJob(job)
        let errors = try admissions.importErrors(of: job)
        if options.json { return try Console.json(ImportReport(job: job, counts: job.counts, errors: errors, ignoredHeadings: [])) }
        Console.line("Import job \(job.id.lowercased)")
        Console.line("  file:     \(job.fileName) (\(job.format.rawValue), \(counted(job.rowCount, "row", "rows")))")
        Console.line("  by:       \(job.createdBy), \(Console.date(job.createdAt))")
        Console.line("  state:    \(job.state.rawValue)\(job.finishedAt.map { ", \(Console.date($0))" } ?? "")")
        Console.line("  rows:     \(ImportRun.describe(job.counts))")
        if let failure = job.failure { Console.line("  stopped:  \(failure)") }
        ImportRun.show(ImportReport(job: job, counts: job.counts, errors: errors, ignoredHeadings: []))
    }
}
