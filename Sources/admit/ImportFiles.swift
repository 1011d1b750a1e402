import AdmitCore
import ArgumentParser
import Foundation

struct ImportFiles: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "files", abstract: "Write an import job's three files: uploaded, completed and errors (mode 0600).",
        discussion:
            "The uploaded file is the roster as imported, without its passwords. The completed file has every processed row with its Entry GUID, username and, for new entries, the temporary password Admit made (while unused): writing it is recorded in the audit trail. The error file has every row, an Error column saying what to fix, and the Entry GUID of what was made: correct it and import it again."
    )

    @Argument(help: "The job's id, or its first 8 characters or more.") var job: String
    @Option(help: ArgumentHelp("The folder to write them in (made if missing).", valueName: "dir")) var out: String
    @OptionGroup var options: StoreOptions

    func run() throws {
        let admissions = try options.admissions()
        let job = try admissions.importJob(job)
        let folder = URL(fileURLWithPath: out)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CommandError("cannot make the folder \(out): \((error as NSError).localizedFailureReason ?? "not allowed")")
        }
        let stem = "import-" + job.id.lowercased.prefix(8)
        let ext = job.format == .xlsx ? "xlsx" : "csv"
        var requests: [ImportFileKind: TableFileRequest] = [:]
        for kind in ImportFileKind.allCases {
            let path = folder.appendingPathComponent("\(stem)-\(kind.rawValue).\(ext)").path
            requests[kind] = RosterFile.request(path, sheetName: kind.rawValue.capitalized, highlight: kind == .errors ? "Error" : nil)
        }
        let files = try admissions.writeImportFiles(of: job, to: requests)
        if options.json { return try Console.json(files.map(\.path)) }
        for file in files { Console.line("Wrote \(file.path)") }
    }
}
