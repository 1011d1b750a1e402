import AdmitTestTools
import Foundation
import Testing

/// Rosters as the systems centres already use export them, each in that product's own column order, heading
/// spelling and encoding, imported by the CLI.
@Suite struct RosterProductsTests {
    // Spelled as the JSON spells them.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Imported: Decodable, Equatable {
        var username: String
        var candidate_number: String?
        var given_name: String?
        var family_name: String?
        var group: String?
    }

    /// Imports `data` as FILE into a fresh session; the entries it made, and what the command said on stderr.
    func imported(_ data: Data, as name: String, _ extra: [String] = []) throws -> (entries: [Imported], stderr: String) {
        let cli = try CLI()
        try cli.setUp()
        try data.write(to: cli.file(name))
        let result = try cli.run(["import", "June Maths", name] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return (try cli.json(["entries", "list", "June Maths"], as: [Imported].self), result.stderr)
    }

    func csv(_ rows: [[String]], separator: String = ",") -> String {
        rows.map { $0.joined(separator: separator) + "\r\n" }.joined()
    }

    @Test func aGMetrixFileWithoutStudentNumbersImportsAndBlanksTheAccessCode() throws {
        let text = csv([
            ["First Name", "Last Name", "Username", "Email Address", "Password", "Group", "Access Code"],
            ["José", "Núñez", "jose.nunez", "jose@example.org", "Quiet-Harbour-41", "Room 4", "GMX-77Q2"],
            ["Ana", "Lopez", "", "ana@example.org", "", "Room 4", "GMX-88R3"],
        ])
        let (entries, _) = try imported(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8), as: "gmetrix.csv")
        #expect(
            entries == [
                Imported(username: "jose.nunez", candidate_number: nil, given_name: "José", family_name: "Núñez", group: "Room 4"),
                Imported(username: "ana.lopez", candidate_number: nil, given_name: "Ana", family_name: "Lopez", group: "Room 4"),
            ])
    }

    @Test func anHMHExportsStudentIDAndUserGUIDAreTheCandidateNumberAndTheEntryGUID() throws {
        let text = csv([
            ["Student ID", "First Name", "Last Name", "Grade Level", "Email", "Username", "Password", "User GUID"],
            ["S-1001", "Zoë", "Brontë", "10", "zoe@example.org", "zbronte", "", ""],
        ])
        let cli = try CLI()
        try cli.setUp()
        try Data(text.utf8).write(to: cli.file("hmh.csv"))
        #expect(try cli.run(["import", "June Maths", "hmh.csv"]).status == 0)
        let made = try #require(try cli.json(["entries", "list", "June Maths"], as: [EntryJSON].self).first)
        #expect(
            try cli.json(["entries", "list", "June Maths"], as: [Imported].self)
                == [Imported(username: "zbronte", candidate_number: "S-1001", given_name: "Zoë", family_name: "Brontë", group: nil)])

        // The update-by-GUID loop starts from the same file: the GUID under "User GUID", a changed name.
        let again = csv([
            ["Student ID", "First Name", "Last Name", "Grade Level", "Email", "Username", "Password", "User GUID"],
            ["S-1001", "Zoe", "Brontë", "11", "zoe@example.org", "zbronte", "", made.guid],
        ])
        try Data(again.utf8).write(to: cli.file("hmh-again.csv"))
        #expect(try cli.run(["import", "June Maths", "hmh-again.csv"]).status == 0)
        #expect(try cli.json(["entries", "list", "June Maths"], as: [Imported].self).map(\.given_name) == ["Zoe"])
    }

    @Test func aMoodleUploadFileImportsWithItsIDNumberAndCohort() throws {
        let text = csv([
            ["username", "firstname", "lastname", "email", "password", "idnumber", "cohort1"],
            ["mwong", "Mei", "Wong", "mei@example.org", "Lantern-Orchard-7", "77001", "Year 11"],
        ])
        let (entries, _) = try imported(Data(text.utf8), as: "moodle.csv")
        #expect(entries == [Imported(username: "mwong", candidate_number: "77001", given_name: "Mei", family_name: "Wong", group: "Year 11")])
    }

    @Test func aGoogleConsoleExportSavedByExcelAsWindows1252IsReadAndSaidSo() throws {
        let text = csv([
            ["First Name [Required]", "Last Name [Required]", "Email Address [Required]", "Password", "Org Unit Path"],
            ["Chloé", "Dubois", "chloe@example.org", "", "/Students/Year 10"],
        ])
        let legacy = try #require(text.data(using: .windowsCP1252))
        let (entries, said) = try imported(legacy, as: "google.csv")
        #expect(
            entries == [
                Imported(username: "chloe.dubois", candidate_number: nil, given_name: "Chloé", family_name: "Dubois", group: "/Students/Year 10")
            ])
        #expect(said.contains("read as Windows-1252"))
    }

    @Test func aUTF16FileAndAChosenEncodingAreRead() throws {
        let text = csv([["First Name", "Last Name", "Student Number"], ["Łukasz", "Żółć", "5"]], separator: "\t")
        let (entries, said) = try imported(Data([0xFF, 0xFE]) + (text.data(using: .utf16LittleEndian) ?? Data()), as: "unicode.txt")
        #expect(entries.map(\.family_name) == ["Żółć"] && !said.contains("read as"))

        let latin = try #require(csv([["First Name", "Last Name"], ["Anaïs", "Lefèvre"]]).data(using: .isoLatin1))
        let (chosen, _) = try imported(latin, as: "latin.csv", ["--encoding", "latin1"])
        #expect(chosen.map(\.given_name) == ["Anaïs"])

        let cli = try CLI()
        try cli.setUp()
        try latin.write(to: cli.file("latin.csv"))
        let unknown = try cli.run(["import", "June Maths", "latin.csv", "--encoding", "ebcdic"])
        #expect(unknown.status == 1 && unknown.stderr.hasPrefix("admit: --encoding \"ebcdic\" is not an encoding Admit reads"))
    }

    @Test func aSessionThatRequiresCandidateNumbersRefusesOnlyTheRowsWithout() throws {
        let cli = try CLI()
        try cli.expectSuccess(["institution", "add", "GB042", "--name", "Northfield College"])
        try cli.expectSuccess(["session", "create", "--institution", "GB042", "--name", "June Maths", "--require", "candidate-number"])
        try Data(csv([["First Name", "Last Name", "Student Number"], ["Ana", "Lopez", "1"], ["Li", "Wei", ""]]).utf8).write(to: cli.file("r.csv"))
        let result = try cli.run(["import", "June Maths", "r.csv"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("row 3") && result.stdout.lowercased().contains("the candidate number is missing"))
        #expect(try cli.json(["entries", "list", "June Maths"], as: [Imported].self).map(\.candidate_number) == ["1"])
    }
}
