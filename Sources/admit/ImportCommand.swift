import ArgumentParser

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import named candidates from a roster file (CSV or XLSX), and read the import history.",
        discussion:
            "Start from `admit template`. `admit import SESSION FILE --dry-run` checks every row and changes nothing; `admit import SESSION FILE` imports the valid rows as a job; `admit import files JOB --out DIR` writes its uploaded, completed and error files.",
        subcommands: [ImportRun.self, ImportList.self, ImportShow.self, ImportFiles.self],
        defaultSubcommand: ImportRun.self)
}
