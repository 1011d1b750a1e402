import AdmitTestTools
import Foundation
import Testing

/// What the CLI prints reads right for one thing as for many.
@Suite struct WordingTests {
    @Test func oneEntryAndOneRowAreSingular() throws {
        let cli = try CLI()
        try cli.setUp()
        let added = try cli.expectSuccess(["entries", "add", "June Maths", "--count", "1", "--csv", cli.file("one.csv").path])
        #expect(added.stdout.contains(": 1 entry in \"June Maths\""), "\(added.stdout)")
        let exported = try cli.expectSuccess(["entries", "export", "June Maths", "--csv", cli.file("again.csv").path])
        #expect(exported.stdout.contains("Wrote 1 entry to"), "\(exported.stdout)")
        let report = try cli.expectSuccess(["report", "June Maths"])
        #expect(report.stdout.contains("June Maths (GB042): 1 entry, "), "\(report.stdout)")

        try "Given Name,Family Name\nMaria,Garcia\n".write(to: cli.file("roster.csv"), atomically: true, encoding: .utf8)
        let checked = try cli.expectSuccess(["import", "June Maths", cli.file("roster.csv").path, "--dry-run"])
        #expect(checked.stdout.contains("Checked 1 row of roster.csv"), "\(checked.stdout)")
        let imported = try cli.expectSuccess(["import", "June Maths", cli.file("roster.csv").path])
        #expect(imported.stdout.contains("of 1 row."), "\(imported.stdout)")
    }

    @Test func twoDifferentTypingsOfAStaffPasswordSayWhatDiffers() throws {
        let cli = try CLI()
        try cli.setUp()
        try RecoveryCLITests().expectRefusal(
            cli, ["staff", "add", "bob", "--role", "admin"], saying: "the two typings of the password for bob differ; nothing was changed",
            input: "Staff-Horse-Battery-42\nStaff-Horse-Battery-43\n")
    }
}
