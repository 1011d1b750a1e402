import AdmitCore
import ArgumentParser

struct LoginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login", abstract: "Sign in as a candidate: with the generic login from the slip, or a personal one.",
        discussion:
            "A generic login answers that registration is required (then use `admit register`). A refusal exits with status 1 and never says which part was wrong."
    )

    @Option(help: "The institution ID on the slip.") var institution: String
    @Option(help: "The username: the slip's, or the personal one.") var username: String
    @Option(help: "The password; read from the terminal (no echo) or standard input when left out.") var password: String?
    @OptionGroup var options: StoreOptions

    func run() throws {
        let password = try SecretInput.read("Password", given: password)
        let admissions = try options.admissions()
        switch try admissions.signIn(institution: institution, username: username, password: password) {
        case .registrationRequired(let session):
            let generic = CredentialPolicy.normalized(username)
            if options.json { return try Console.json(SignInJSON(state: "registration_required", username: generic, session: session.name)) }
            Console.line("This is a first login for \"\(session.name)\" (\(session.institutionCode)). Register to get your personal username:")
            Console.line("  admit register --institution \(session.institutionCode) --username \(generic) --given-name … --family-name …")
        case .passwordChangeRequired(let username, let session):
            if options.json { return try Console.json(SignInJSON(state: "password_change_required", username: username, session: session.name)) }
            Console.line("This is a temporary password for \"\(session.name)\" (\(session.institutionCode)). Choose your own password:")
            Console.line("  admit register --institution \(session.institutionCode) --username \(username)")
        case .signedIn(let personal, let session):
            if options.json { return try Console.json(SignInJSON(state: "signed_in", username: personal, session: session.name)) }
            Console.line("Signed in as \(personal) for \"\(session.name)\" (\(session.institutionCode)).")
        }
    }
}

/// What `login` and `register` print with `--json`.
struct SignInJSON: Encodable {
    var state: String
    var username: String
    var session: String
}
