import AdmitCore
import AdmitCrypto
import AdmitXLSX
import ArgumentParser
import Foundation

struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "Write the roster template to fill in for `admit import`.",
        discussion:
            "The workbook has the columns on its first sheet, with checks on what you type, and an Instructions sheet. The CSV is the heading row only (UTF-8)."
    )

    @Option(help: "xlsx or csv.") var format = "xlsx"
    @Option(help: ArgumentHelp("Where to write it (default: roster-template.xlsx or .csv here).", valueName: "file")) var out: String?

    func run() throws {
        guard format == "xlsx" || format == "csv" else {
            throw CommandError("\"\(format)\" is not a template format; choose xlsx or csv")
        }
        let target = URL(fileURLWithPath: out ?? "roster-template.\(format)")
        do {
            try SecretFile.write(to: target) { path in
                if format == "xlsx" { try RosterTemplate.writeXLSX(to: path) } else { try RosterTemplate.csv().write(to: path) }
            }
        } catch let error as CryptoError {
            throw AdmitError(.invalidInput, .cryptography(error))
        }
        Console.line("Wrote \(target.path): one row per candidate, then `admit import SESSION \(target.lastPathComponent) --dry-run`.")
    }
}
