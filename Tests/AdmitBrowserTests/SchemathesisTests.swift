import AdmitTestTools
import Foundation
import Testing

/// Schemathesis (PyPI, in .venv-tools) sends what the OpenAPI document allows, and much it does not, to a live
/// `admit serve` with an admin's token: every answer must be one the document names, in its shape, with no 5xx,
/// a 405 for a method an address does not take, and a schema-valid body accepted. Tests/schemathesis/ holds its
/// settings (examples per operation, the seeded session, the rules no schema can state).
@Suite struct SchemathesisTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theAPIAnswersEveryGeneratedRequestAsItsDocumentSays() throws {
        let site = try Site()
        let session = try site.seed(entries: 5).session
        try site.addStaff("root", role: "admin", password: "Staff-Horse-Battery-42")
        try site.addStaff("ivan", role: "invigilator", password: "Staff-Horse-Battery-42")
        let issued = try JSONSerialization.jsonObject(with: Data(try site.admit(["staff", "token", "root", "--json"]).utf8)) as? [String: Any]
        let token = try #require(issued?["token"] as? String)
        try site.serve()

        let report = site.file("schemathesis.txt")
        let process = Process()
        process.executableURL = Self.root.appendingPathComponent(".venv-tools/bin/schemathesis")
        process.arguments = [
            "--config-file", Self.root.appendingPathComponent("Tests/schemathesis/schemathesis.toml").path,
            // One seed: the same requests on every run, so a failure is the code's and can be replayed.
            "run", "\(site.base)api/v1/openapi.json", "--checks", "all", "--seed", "20261201", "--no-color",
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(["ADMIT_TOKEN": token, "ADMIT_SESSION": session]) { $1 }
        process.currentDirectoryURL = site.folder
        process.standardInput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: report.path, contents: nil)
        let output = try FileHandle(forWritingTo: report)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        try output.close()
        let said = try String(contentsOf: report, encoding: .utf8)
        #expect(process.terminationStatus == 0, "schemathesis found failures:\n\(said.suffix(6000))")
        #expect(said.contains(" passed"), "\(said.suffix(2000))")
        #expect(try site.stop() == 0)
    }
}
