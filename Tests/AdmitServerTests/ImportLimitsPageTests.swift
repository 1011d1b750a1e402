import AdmitCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The import limits hold for a web upload as for the CLI: a cell past what a spreadsheet holds is its row's
/// error on the check page, and the job's files can be downloaded.
@Suite struct ImportLimitsPageTests {
    @Test func aCellLongerThanASpreadsheetHoldsIsItsRowsErrorAndTheFilesStillDownload() async throws {
        let roster = Array(
            "Given Name,Family Name,Notes\r\nMaria,Garcia,\(String(repeating: "m", count: 2_000))\r\nAna,,\(String(repeating: "n", count: 40_000))\r\n"
                .utf8)
        let server = try Server()
        let id = Server.id(server.session)
        try await server.run { client in
            var carol = Browser(client)
            try await carol.staffSignIn(Server.coordinator)
            _ = try await carol.get("/staff/sessions/\(id)/import")
            let check = try await carol.upload("/staff/sessions/\(id)/import", file: ("roster", "long.csv", roster))
            #expect(check.status == .ok)
            #expect(check.text.contains("Row 3: The cell under ") && check.text.contains("Notes&quot; holds more than 32,767 characters"))
            // A column Admit does not use keeps its first 1,000 characters, and the page says so.
            #expect(check.text.contains("Kept cut to their first 1,000 characters: the longer cells of “Notes”."))
            let token = try #require(ImportPageTests.token(check))
            let run = try await carol.post("/staff/sessions/\(id)/import/run", [("token", token)])
            #expect(run.status == .seeOther)
            let job = try #require(try server.admissions.importJobs(session: server.session).first)
            for kind in ["uploaded", "completed", "errors"] {
                let file = try await carol.post("/staff/imports/\(job.id.uuidString.lowercased())/files", [("kind", kind)])
                #expect(file.status == .ok, "\(kind): \(file.text.prefix(200))")
            }
        }
    }
}
