import AdmitTestTools
import Foundation
import Testing

/// Rosters imported through the staff import page (browser/coordinator_import.py): one file per product in its
/// own column order, heading spelling and encoding, the mapping step and the paste box with and without
/// JavaScript, and the corrected completed file imported again. In BrowserTests, so one Chromium runs at a time.
extension BrowserTests {
    // Spelled as the JSON spells them.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct Imported: Decodable, Equatable {
        var guid: String
        var username: String
        var candidate_number: String?
        var given_name: String?
        var family_name: String?
        var group: String?
        var state: String
    }

    struct ImportSeen: Decodable {
        struct Checked: Decodable {
            var heading: String
            var counts: [String: Int]
            var notes: [String]
            var state: String
        }
        var templateLinks: [String]
        var files: [Checked]
        var mappingStep: String?
        var mappingOptions: [String]?
        var mapped: Checked?
        var pasted: Checked?
        var completedHeader: [String]?
        var reimported: Checked?
    }

    static func csv(_ rows: [[String]], separator: String = ",") -> String {
        rows.map { $0.joined(separator: separator) + "\r\n" }.joined()
    }

    /// Headings the mapping step is needed for, in Spanish.
    static let mapped = csv([["Nombre", "Apellidos", "Grupo"], ["Íñigo", "Muñoz", "Aula 2"]])
    static let mappedChoices = ["map-givenname": "Nombre", "map-familyname": "Apellidos", "map-group": "Grupo"]
    /// Rows copied from a spreadsheet without their heading row.
    static let pasted = "Ngozi\tAdebayo\tRoom 9\r\nMarta\tÅström\tRoom 9\r\n"
    static let pastedChoices = ["map-givenname": "Column 1", "map-familyname": "Column 2", "map-group": "Column 3"]

    func importSite() throws -> Site {
        let site = try Site()
        _ = try Site.juneMaths { try site.admit($0) }
        try site.addStaff("alice", role: "coordinator", password: "Coordin8-Pass")
        return site
    }

    /// Serves the site and runs the scenario: `files` imported one after the other, then the Spanish file through
    /// the mapping step, the pasted rows, and `reimport` (the completed file of one, corrected).
    func importThroughThePage(_ site: Site, javascript: Bool, files: [String], reimport: [String: Any]?) throws -> ImportSeen {
        try Data(Self.mapped.utf8).write(to: site.file("alumnos.csv"))
        try site.serve()
        let downloads = site.file("downloads")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        return try site.browse(
            "coordinator_import",
            [
                "staffUsername": "alice", "staffPassword": "Coordin8-Pass", "sessionName": "June Maths", "javascript": javascript,
                "downloads": downloads.path, "files": files,
                "mapped": ["path": site.file("alumnos.csv").path, "choices": Self.mappedChoices],
                "pasted": ["text": Self.pasted, "choices": Self.pastedChoices], "reimport": reimport ?? NSNull(),
            ], as: ImportSeen.self)
    }

    func entries(_ site: Site) throws -> [Imported] {
        try JSONDecoder().decode([Imported].self, from: Data(try site.admit(["entries", "list", "June Maths", "--json"]).utf8))
    }

    @Test func eachProductsExportImportsThroughThePageAndACorrectedCompletedFileUpdatesOneName() throws {
        let site = try importSite()
        let files: [(String, Data)] = [
            (
                "gmetrix.csv",
                Data([0xEF, 0xBB, 0xBF])
                    + Data(
                        Self.csv([
                            ["First Name", "Last Name", "Username", "Email Address", "Password", "Group", "Access Code"],
                            ["José", "Núñez", "jose.nunez", "jose@example.org", "Quiet-Harbour-41", "Room 4", "GMX-77Q2"],
                            ["Ana", "Lopez", "", "ana@example.org", "", "Room 4", "GMX-88R3"],
                        ]).utf8)
            ),
            // Excel's "Unicode text": UTF-16 with its mark, tab-separated.
            (
                "hmh.txt",
                Data([0xFF, 0xFE])
                    + (Self.csv(
                        [
                            ["Student ID", "First Name", "Last Name", "Grade Level", "Email", "Username", "Password", "User GUID"],
                            ["S-1001", "Zoë", "Brontë", "10", "zoe@example.org", "zbronte", "", ""],
                        ], separator: "\t"
                    ).data(using: .utf16LittleEndian) ?? Data())
            ),
            (
                "moodle.csv",
                Data(
                    Self.csv([
                        ["username", "firstname", "lastname", "email", "password", "idnumber", "cohort1"],
                        ["mwong", "Mei", "Wong", "mei@example.org", "Lantern-Orchard-7", "77001", "Year 11"],
                    ]).utf8)
            ),
            // Excel's plain "CSV" on Windows: Windows-1252.
            (
                "google.csv",
                try #require(
                    Self.csv([
                        ["First Name [Required]", "Last Name [Required]", "Email Address [Required]", "Password", "Org Unit Path"],
                        ["Chloé", "Dubois", "chloe@example.org", "", "/Students/Year 10"],
                    ]).data(using: .windowsCP1252))
            ),
        ]
        for (name, data) in files { try data.write(to: site.file(name)) }
        let seen = try importThroughThePage(
            site, javascript: true, files: files.map { site.file($0.0).path }, reimport: ["job": 0, "from": "Ana", "to": "Anna"])
        #expect(seen.templateLinks == ["Excel workbook", "CSV"])
        #expect(seen.files.map(\.heading) == files.map { "Check of \($0.0)" })
        #expect(seen.files.map { $0.counts["new"] } == [2, 1, 1, 1] && seen.files.allSatisfy { $0.counts["errors"] == 0 })
        #expect(seen.files.allSatisfy { $0.state == "completed" })
        let said = seen.files.map { $0.notes.contains { $0.contains("read as Windows-1252") } }
        #expect(said == [false, false, false, true], "only the Windows-1252 file is said to be read as such")
        #expect(seen.files[0].notes.contains("Not imported (no roster column): Access Code."))
        #expect(seen.mappingStep == "Choose the columns of alumnos.csv")
        #expect(seen.mappingOptions == ["— not in the file —", "Nombre (Íñigo)", "Apellidos (Muñoz)", "Grupo (Aula 2)"])
        #expect(seen.mapped?.counts["new"] == 1 && seen.mapped?.state == "completed")
        #expect(seen.pasted?.heading == "Check of pasted rows" && seen.pasted?.counts["new"] == 2)
        #expect(seen.completedHeader?.contains("Entry GUID") == true)
        #expect(seen.reimported?.counts == ["new": 0, "updated": 1, "unchanged": 1, "errors": 0])
        #expect(try site.stop() == 0)

        let made = try entries(site)
        #expect(
            made.map(\.username) == ["jose.nunez", "ana.lopez", "zbronte", "mwong", "chloe.dubois", "inigo.munoz", "ngozi.adebayo", "marta.astrom"]
        )
        #expect(made.map(\.given_name) == ["José", "Anna", "Zoë", "Mei", "Chloé", "Íñigo", "Ngozi", "Marta"])
        #expect(made.map(\.family_name) == ["Núñez", "Lopez", "Brontë", "Wong", "Dubois", "Muñoz", "Adebayo", "Åström"])
        #expect(made.map(\.group) == ["Room 4", "Room 4", nil, "Year 11", "/Students/Year 10", "Aula 2", "Room 9", "Room 9"])
        #expect(made.map(\.candidate_number) == [nil, nil, "S-1001", "77001", nil, nil, nil, nil])
        #expect(made.allSatisfy { $0.state == "issued" })
    }

    @Test func withoutJavaScriptTheMappingStepAndThePasteBoxWork() throws {
        let site = try importSite()
        let seen = try importThroughThePage(site, javascript: false, files: [], reimport: nil)
        #expect(seen.mappingStep == "Choose the columns of alumnos.csv")
        #expect(seen.mapped?.counts["new"] == 1 && seen.pasted?.counts["new"] == 2)
        #expect(try site.stop() == 0)
        let made = try entries(site)
        #expect(made.map(\.username) == ["inigo.munoz", "ngozi.adebayo", "marta.astrom"])
        #expect(made.map(\.group) == ["Aula 2", "Room 9", "Room 9"])
    }
}
