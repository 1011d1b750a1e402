import AdmitCore
import ArgumentParser
import Foundation

struct EntriesAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a batch of 1 to 500 generic logins to a session.",
        discussion:
            "The batch is made whole or not at all. Passwords are sealed in the database and written only to the files you name (or later with `admit entries export`)."
    )

    @Argument(help: "The session's id, or its exact name.") var session: String
    @Option(parsing: .unconditional, help: ArgumentHelp("How many logins: 1 to 500.", valueName: "n")) var count: String
    @Option(help: ArgumentHelp("Symbols in each username (6 to 32).", valueName: "n")) var usernameLength = 8
    @Option(help: ArgumentHelp("Symbols in each password (8 to 32).", valueName: "n")) var passwordLength = 10
    @Option(help: ArgumentHelp("Retry key: the same key again returns the first batch (and its files) instead of making another.", valueName: "key"))
    var requestKey: String?
    @OptionGroup var files: CredentialFileOptions
    @OptionGroup var options: StoreOptions

    func run() throws {
        let plan = try files.plan()
        let request = try BatchRequest(
            size: try BatchRequest.size(from: count),
            policy: try CredentialPolicy(usernameLength: usernameLength, passwordLength: passwordLength),
            requestKey: requestKey)
        let admissions = try options.admissions()
        let session = try admissions.session(session)
        let outcome = try admissions.addBatch(to: session, request, files: plan.requests)
        plan.announce()
        for notice in outcome.notices { Console.error("admit: note: \(notice).") }
        if options.json { return try Console.json(BatchReport(outcome)) }
        let batch = outcome.batch
        if outcome.created {
            Console.line(
                "Added batch \(batch.id.lowercased): \(counted(batch.size, "entry", "entries")) in \"\(session.name)\" (\(session.institutionCode)).")
        } else {
            Console.line(
                "The request key was used before: batch \(batch.id.lowercased) (\(counted(batch.size, "entry", "entries"))) already exists, so no new entries were made."
            )
        }
        if outcome.files.isEmpty {
            Console.line("Write the credentials with: admit entries export \"\(session.name)\" --batch \(batch.id.lowercased) --xlsx FILE")
        }
        for file in outcome.files { Console.line("Wrote \(file.path)") }
    }
}

/// A batch as `entries add --json` prints it.
struct BatchReport: Encodable {
    var batch: Batch
    var created: Bool
    var files: [String]

    init(_ outcome: BatchOutcome) {
        batch = outcome.batch
        created = outcome.created
        files = outcome.files.map(\.path)
    }

    func encode(to encoder: any Encoder) throws {
        try batch.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(created, forKey: .created)
        try container.encode(files, forKey: .files)
    }

    enum Keys: String, CodingKey { case created, files }
}
