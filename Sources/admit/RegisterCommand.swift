import AdmitCore
import ArgumentParser

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register", abstract: "A candidate's first login: give your details and a new password, get your personal username.",
        discussion:
            "After this the generic login on the slip no longer works. A named login (imported from a roster, with a temporary password) needs only the new password: its details are known. New password: \(PasswordPolicy.summary) Passwords left out are read from the terminal (no echo) or from standard input, one per line: the slip's password, then the new one."
    )

    @Option(help: "The institution ID on the slip.") var institution: String
    @Option(help: "The username on the slip.") var username: String
    @Option(help: "The password on the slip.") var password: String?
    @Option(help: "Your given (first) name (not for a named login).") var givenName: String?
    @Option(help: "Your family name (not for a named login).") var familyName: String?
    @Option(help: ArgumentHelp("Your date of birth, as 2008-05-31.", valueName: "date")) var birthDate: String?
    @Option(help: "Your e-mail address.") var email: String?
    @Option(help: "Your candidate number.") var candidateNumber: String?
    @Option(help: "Your new password.") var newPassword: String?
    @OptionGroup var options: StoreOptions

    func run() throws {
        let password = try SecretInput.read("Password on the slip", given: password)
        let newPassword = try SecretInput.read("New password", given: newPassword, confirm: true)
        let typed = [givenName, familyName, birthDate, email, candidateNumber].contains { $0 != nil }
        let details =
            typed
            ? CandidateDetails(
                givenName: givenName ?? "", familyName: familyName ?? "", birthDate: birthDate,
                email: email, candidateNumber: candidateNumber) : nil
        let outcome = try options.admissions().register(
            institution: institution, username: username, password: password,
            details: details, newPassword: newPassword)
        if options.json {
            return try Console.json(SignInJSON(state: "registered", username: outcome.personalUsername, session: outcome.session.name))
        }
        Console.line("Registered for \"\(outcome.session.name)\". Your personal username is:")
        Console.line()
        Console.line("    \(outcome.personalUsername)")
        Console.line()
        // A named login keeps its username; a generic one's slip login stops working.
        let named = outcome.personalUsername == username.trimmingCharacters(in: .whitespaces).lowercased()
        Console.line(
            "Write it down: from now on you sign in with it and your new password; "
                + (named ? "the temporary password no longer works." : "the login on the slip no longer works."))
    }
}
