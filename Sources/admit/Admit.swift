import AdmitCore
import ArgumentParser
import Foundation

@main
struct Admit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create exam logins in bulk, hand them out, and follow who has signed in.",
        discussion: "Exit status: 0 on success, 1 when a request is refused (bad input, not found, a limit), 2 on a usage error.",
        version: "0.1.0",
        subcommands: [
            InitCommand.self, InstitutionCommand.self, SessionCommand.self, EntriesCommand.self, TemplateCommand.self, ImportCommand.self,
            ReportCommand.self, FindCommand.self, AuditCommand.self, LoginCommand.self, RegisterCommand.self, StaffCommand.self,
            ServeCommand.self, KeyCommand.self, DbCommand.self,
        ])

    /// Maps outcomes to exit statuses: 1 for a refused request, 2 for a usage error.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var server = command as? any AsyncParsableCommand {
                try await server.run()
            } else {
                try command.run()
            }
        } catch let refusal as AdmitError {
            Console.fail(refusal.commandLineSentence)
        } catch let refusal as CommandError {
            Console.fail(refusal.description)
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            if code == .validationFailure {
                Console.error(fullMessage(for: error))
                Foundation.exit(2)
            }
            // A failure from below (a file, the spreadsheet library, the key): its own sentence, status 1.
            Console.fail(AdmitError(fileSystem: error)?.commandLineSentence ?? String(describing: error))

        }
    }
}
