import AdmitCore
import AdmitCrypto
import AdmitTestTools
import Foundation
import Testing

@testable import AdmitXLSX

/// The package's root, where `make setup` puts the test tools.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

@Suite struct EncryptedWorkbookTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-encrypted-\(UUID())")
    let heading = SheetHeading(sessionName: "June Maths", institutionCode: "GB042", institutionName: "Northfield College")
    let password = "TBHY-FQ3K-P27K-KAQ4-RNV4"

    init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }

    func rows(_ count: Int) throws -> [CredentialRow] {
        try (1...count).map { number in
            CredentialRow(
                number: number, entryID: UUID(), username: try CredentialPolicy.code(length: 8, random: SecureRandom()),
                password: try CredentialPolicy.code(length: 10, random: SecureRandom()), institutionCode: "GB042",
                state: .issued, sessionName: heading.sessionName)
        }
    }

    /// An encrypted credential workbook, written as the CLI writes it: into an existing 0600 file.
    func encrypted(_ credentials: [CredentialRow], name: String = "encrypted.xlsx") throws -> URL {
        let file = folder.appendingPathComponent(name)
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]))
        let sheet = try EncryptedWorkbook(
            path: file, password: password, heading: heading, measure: .of(credentials), layouts: [.roster, .slips], paper: .a4)
        for row in credentials { try sheet.add(row) }
        try sheet.close()
        return file
    }

    /// The roster's (username, password) pairs from a plain workbook, read by openpyxl.
    func credentials(in workbook: URL) throws -> [[String]] {
        try openpyxl(
            workbook,
            """
            ws = wb["Roster"]
            result = [[str(r[1]), str(r[2])] for r in ws.iter_rows(min_row=2, values_only=True)]
            """)
    }

    func tool(_ program: URL, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    var msoffcrypto: URL {
        get throws {
            let tool = packageRoot.appendingPathComponent(".venv-tools/bin/msoffcrypto-tool")
            guard FileManager.default.isExecutableFile(atPath: tool.path) else {
                throw ToolError("msoffcrypto-tool is missing: run `make setup` (it installs it into .venv-tools)")
            }
            return tool
        }
    }

    @Test func msoffcryptoToolDecryptsAdmitsWorkbookWithThePasswordOnly() throws {
        let credentials = try rows(40)
        let file = try encrypted(credentials)
        #expect(try posixMode(file) == 0o600)
        #expect(!(try Data(contentsOf: file)).starts(with: Data("PK".utf8)), "not a plain zip")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["encrypted.xlsx"], "no plain copy left behind")

        let decrypted = folder.appendingPathComponent("decrypted.xlsx")
        #expect(try tool(try msoffcrypto, ["-p", password, file.path, decrypted.path]) == 0)
        #expect(try self.credentials(in: decrypted) == credentials.map { [$0.username, $0.password!] })
        #expect(try tool(try msoffcrypto, ["-p", "not the password", file.path, folder.appendingPathComponent("no.xlsx").path]) != 0)
    }

    @Test func admitsReaderOpensWhatMsoffcryptoToolEncrypts() throws {
        let plain = folder.appendingPathComponent("plain.xlsx")
        try CredentialWorkbook.write(try rows(10), to: plain, heading: heading)
        let theirs = folder.appendingPathComponent("theirs.xlsx")
        #expect(try tool(try msoffcrypto, ["-e", "-p", password, plain.path, theirs.path]) == 0)
        #expect(try EncryptedWorkbook.decrypt(try Data(contentsOf: theirs), password: password) == (try Data(contentsOf: plain)))
        #expect(throws: CryptoError.self) { try EncryptedWorkbook.decrypt(try Data(contentsOf: theirs), password: "wrong") }
    }

    @Test func libreOfficeOpensTheWorkbookAfterAskingForThePassword() throws {
        let credentials = try rows(12)
        let file = try encrypted(credentials)
        let script = packageRoot.appendingPathComponent("Tests/Tools/libreoffice-open.py")
        let csv = folder.appendingPathComponent("opened.csv")
        let python = URL(fileURLWithPath: "/usr/bin/python3")
        #expect(try tool(python, [script.path, file.path, password, csv.path]) == 0)
        let lines = try String(contentsOf: csv, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.first == "#,Username,Password,Candidate,Institution ID,State,Session")
        #expect(
            lines.dropFirst().map { $0.split(separator: ",").dropFirst().prefix(2).map(String.init) }
                == credentials.map { [$0.username, $0.password!] })
        #expect(try tool(python, [script.path, file.path, "not the password", folder.appendingPathComponent("no.csv").path]) == 3)
    }

    @Test func aLargeEncryptedWorkbookStillOpens() throws {
        // Past 7 MB the compound file needs DIFAT sectors. msoffcrypto-tool checks that what it decrypts is a zip.
        let zip = folder.appendingPathComponent("large.zip")
        try python3(
            """
            import os, sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as z:
                z.writestr("random.bin", os.urandom(9_000_000))
            """, [zip.path])
        let package = try Data(contentsOf: zip)
        let sealed = try EncryptedWorkbook.encrypt(package, password: password)
        #expect(sealed.count > 9_000_000)
        #expect(try EncryptedWorkbook.decrypt(sealed, password: password) == package)
        let file = folder.appendingPathComponent("large.bin")
        try sealed.write(to: file)
        let out = folder.appendingPathComponent("large.out")
        #expect(try tool(try msoffcrypto, ["-p", password, file.path, out.path]) == 0)
        #expect(try Data(contentsOf: out) == package)
    }
}
