import AdmitCore
import ArgumentParser
import Foundation

/// The session and the entries a command acts on (`entries unlock`, `reset`, `reprint`, `withdraw`), named the
/// ways people name them.
struct SessionEntries: ParsableArguments {
    @Argument(help: "The session's id, or its exact name.") var session: String
    @Argument(help: ArgumentHelp(EntryNames.help, valueName: "entry")) var entries: [String]

    func validate() throws {
        if entries.isEmpty { throw ValidationError("Name at least one entry.") }
    }

    /// The session, and the ids of the entries named in it (Core refuses a name that fits none or two).
    func resolve(with admissions: Admissions) throws -> (TestSession, [UUID]) {
        let session = try admissions.session(session)
        return (session, try admissions.resolveEntries(entries, in: session).map(\.id))
    }
}
