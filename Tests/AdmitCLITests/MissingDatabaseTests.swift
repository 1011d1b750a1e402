import AdmitTestTools
import Foundation
import Testing

/// A mistyped `--db` makes nothing: only `admit init` and the first `institution add` create a database; every
/// other command refuses a path where there is none, naming it.
@Suite struct MissingDatabaseTests {
    @Test(arguments: [
        ["entries", "list", "June Maths"], ["session", "list"], ["staff", "list"], ["report", "June Maths"],
        ["entries", "add", "June Maths", "--count", "5"], ["import", "list"], ["audit"],
    ])
    func aCommandOnAMissingDatabaseIsRefusedAndMakesNothing(_ arguments: [String]) throws {
        let cli = try CLI()
        try BadInputTests().expectRefusal(
            cli, arguments, saying: "there is no database at \(cli.db.path); check --db (or ADMIT_DB), or make a new one with `admit init`")
        #expect(try cli.folderListing().isEmpty)
    }

    @Test func initMakesTheDatabaseAndItsKeyAndTheFirstInstitutionMayToo() throws {
        let cli = try CLI()
        let made = try cli.expectSuccess(["init"])
        #expect(made.stdout == "The database \(cli.db.path) is ready.\n")
        #expect(try posixMode(cli.db) == 0o600 && posixMode(cli.file("admit.key")) == 0o600)
        // Again: nothing to do, nothing changed.
        try cli.expectSuccess(["init"])
        #expect(try cli.json(["session", "list"], as: [SessionJSON].self).isEmpty)

        let other = try CLI()
        try other.expectSuccess(["institution", "add", "GB042", "--name", "Northfield College"])
        #expect(FileManager.default.fileExists(atPath: other.db.path))
        try other.expectSuccess(["session", "create", "--institution", "GB042", "--name", "June Maths"])
    }
}
