import AdmitTestTools
import Foundation
import Testing

/// While `admit serve` runs (nothing closes the database, so nothing checkpoints on close), a sealed password
/// that withdrawal, a reset or a registration destroyed is in none of the database's three files.
@Suite struct DestroyedSecretsTests {
    /// `admit serve --port 0` on the CLI's database; its output goes to serve.log in the folder.
    final class RunningServer {
        let process = Process()
        let port: Int

        init(_ cli: CLI) throws {
            let log = cli.file("serve.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = CLI.binary
            process.arguments = ["serve", "--port", "0", "--db", cli.db.path]
            var environment = ProcessInfo.processInfo.environment
            environment.removeValue(forKey: "ADMIT_DATA_KEY")
            process.environment = environment
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            while true {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                if let match = text.firstMatch(of: /serving on http:\/\/127\.0\.0\.1:([0-9]+)\//), let port = Int(match.1) {
                    self.port = port
                    break
                }
                guard process.isRunning, Date() < deadline else { throw ToolError("admit serve did not start: \(text)") }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }

        deinit {
            process.terminate()
            process.waitUntilExit()
        }
    }

    @Test func destroyedSealedPasswordsAreInNoFileOfTheDatabaseWhileTheServerRuns() throws {
        let cli = try CLI()
        try cli.setUp()
        try cli.expectSuccess(["entries", "add", "June Maths", "--count", "12", "--csv", cli.file("slips.csv").path])
        let slips = try readCSV(cli.file("slips.csv"))
        let sealed = try sealedPasswords(cli)
        #expect(sealed.count == 12)

        let server = try RunningServer(cli)
        try cli.expectSuccess(["entries", "withdraw", "June Maths", "#1", "#2", "#3"])
        try cli.expectSuccess(["entries", "reset", "June Maths", "#4", "#5"])
        // Four first logins through the server's pages: the server's own writes destroy these.
        let registered = slips.filter { (6...9).contains($0.number) }.flatMap { [$0.username, $0.password!] }
        _ = try python3(Self.registrations, [String(server.port)] + registered)

        var bytes = Data()
        for name in ["admit.sqlite", "admit.sqlite-wal", "admit.sqlite-shm"] {
            bytes.append((try? Data(contentsOf: cli.file(name))) ?? Data())
        }
        let destroyed = (1...9).filter { bytes.range(of: sealed[$0]!) != nil }
        #expect(destroyed.isEmpty, "entries \(destroyed) still have their destroyed sealed password in the database's files")
        // The scan reads what is there: the three still issued are found.
        #expect((10...12).allSatisfy { bytes.range(of: sealed[$0]!) != nil })
        withExtendedLifetime(server) {}
    }

    /// Each entry's sealed password by number, read before the server starts.
    func sealedPasswords(_ cli: CLI) throws -> [Int: Data] {
        let output = try python3(
            """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            for number, sealed in db.execute("SELECT number, hex(sealed_password) FROM entry"):
                print(number, sealed)
            """, [cli.db.path])
        var sealed: [Int: Data] = [:]
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let number = Int(parts[0]) else { continue }
            let hex = Array(parts[1])
            sealed[number] = Data(stride(from: 0, to: hex.count, by: 2).map { UInt8(String(hex[$0...$0 + 1]), radix: 16)! })
        }
        return sealed
    }

    /// A browser's first login for each username and password given: the sign-in form, then the registration form.
    static let registrations = """
        import http.cookiejar, re, sys, urllib.parse, urllib.request
        base = f"http://127.0.0.1:{sys.argv[1]}"
        pairs = sys.argv[2:]
        for index in range(0, len(pairs), 2):
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
            def post(path, page, fields):
                token = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
                data = urllib.parse.urlencode({"csrf": token, **fields}).encode()
                return opener.open(base + path, data=data).read().decode()
            page = opener.open(base + "/").read().decode()
            page = post("/signin", page, {"institution": "GB042", "username": pairs[index], "password": pairs[index + 1]})
            page = post("/register", page, {"givenName": "Ana", "familyName": "Lopez" + "abcdefgh"[index // 2],
                                            "newPassword": "Tr0ub4dor&3horse", "confirmPassword": "Tr0ub4dor&3horse"})
            assert 'id="personal-username"' in page, page
        """
}
