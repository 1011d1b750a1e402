import AdmitCore
import ArgumentParser

struct ImportList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The import history, newest first: of one session, or of all.")

    @Argument(help: "The session's id, or its exact name.") var session: String?
    @OptionGroup var options: StoreOptions

    func run() throws {
        let admissions = try options.admissions()
        let jobs = try admissions.importJobs(session: try session.map(admissions.session))
        if options.json { return try Console.json(jobs) }
        Console.table(
            ["JOB", "STARTED", "FILE", "STATE", "ROWS", "NEW", "UPDATED", "UNCHANGED", "ERRORS"],
            jobs.map {
                [
                    String($0.id.lowercased.prefix(8)), Console.date($0.createdAt), $0.fileName, $0.state.rawValue, String($0.rowCount),
                    String($0.counts.new), String($0.counts.updated), String($0.counts.unchanged), String($0.counts.errors),
                ]
            })
    }
}
