import AdmitTestTools
import Foundation

/// A fresh folder and database seeded with the built `admit`, and `admit serve` on a free port, for a browser
/// scenario (browser/*.py, Selenium and headless Chromium) to visit. The server is stopped when the site goes.
final class Site {
    /// swift test runs the test bundle from the build folder, where `admit` is built beside it.
    static let admit: URL = {
        if let path = ProcessInfo.processInfo.environment["ADMIT_BIN"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("admit")
    }()

    static let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("browser")

    /// Where the README's screenshots go: `ADMIT_SAMPLES/screenshots`, only when `make samples` asks.
    static let screenshots: URL? = ProcessInfo.processInfo.environment["ADMIT_SAMPLES"].map {
        URL(fileURLWithPath: $0).appendingPathComponent("screenshots")
    }

    let folder: URL
    var db: URL { folder.appendingPathComponent("admit.sqlite") }
    var serverLog: URL { folder.appendingPathComponent("serve.log") }
    private var server: Process?
    /// The server's address, `http://127.0.0.1:PORT/`, once it serves.
    private(set) var base = ""

    /// Set when a scenario fails: the folder stays, with its screenshot, logs and downloads.
    private var keep = false

    init() throws {
        // Short: Chromium puts a Unix socket (at most 107 bytes of path) a few levels down.
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-browser-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        if let server, server.isRunning { kill(server.processIdentifier, SIGKILL) }
        if !keep { try? FileManager.default.removeItem(at: folder) }
    }

    func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// A new empty file, open for a child process to write its output to.
    private func output(_ file: URL) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: file.path, contents: nil) else { throw ToolError("cannot create \(file.path)") }
        return try FileHandle(forWritingTo: file)
    }

    /// Runs `admit ARGUMENTS --db DB`; its stdout, or a thrown error with its stderr.
    @discardableResult
    func admit(_ arguments: [String], input: String? = nil) throws -> String {
        String(decoding: try runTool(Self.admit.path, arguments + ["--db", db.path], input: input.map { Data($0.utf8) }), as: UTF8.self)
    }

    /// Institution GB042 with the session "June Maths" (a morning two weeks from now) and `count` generic logins;
    /// returns the session's id and the slips (the CSV's rows: number, username, password).
    func seed(entries count: Int) throws -> (session: String, slips: [Slip]) {
        let session = try Self.juneMaths { try admit($0) }
        try admit(["entries", "add", session, "--count", String(count), "--csv", file("slips.csv").path])
        return (session, try Self.slips(file("slips.csv")))
    }

    /// GB042 and its session "June Maths", a morning two weeks from now, made with `admit`; the session's id.
    static func juneMaths(_ admit: ([String]) throws -> String) throws -> String {
        _ = try admit(["institution", "add", "GB042", "--name", "Northfield College"])
        let day = Date().addingTimeInterval(14 * 86_400).formatted(.iso8601.year().month().day())
        let created =
            try JSONSerialization.jsonObject(
                with: Data(
                    try admit(
                        ["session", "create", "--institution", "GB042", "--name", "June Maths", "--starts", "\(day)T09:00", "--ends", day, "--json"])
                        .utf8))
            as? [String: Any]
        guard let session = created?["id"] as? String else { throw ToolError("session create --json printed no id") }
        return session
    }

    /// A staff member; the password goes in on stdin, twice, as `staff add` asks for it.
    func addStaff(_ username: String, role: String, password: String) throws {
        try admit(
            ["staff", "add", username, "--role", role] + (role == "admin" ? [] : ["--institution", "GB042"]),
            input: "\(password)\n\(password)\n")
    }

    /// The rows of a roster CSV written by admit (#, Username, Password, Candidate, Institution ID, State, Session).
    static func slips(_ csv: URL) throws -> [Slip] {
        let lines = try String(contentsOf: csv, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        guard lines.first?.hasSuffix("#,Username,Password,Candidate,Institution ID,State,Session") == true else {
            throw ToolError("unexpected CSV header: \(lines.first ?? "none")")
        }
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Slip(number: Int(cells[0]) ?? 0, username: cells[1], password: cells[2], state: cells[5])
        }
    }

    // MARK: The server

    /// Starts `admit serve --port 0 ARGUMENTS`, with `environment` added to its own, and waits for the line that names its port.
    func serve(_ arguments: [String] = [], environment: [String: String] = [:]) throws {
        let log = try output(serverLog)
        let process = Process()
        process.executableURL = Self.admit
        process.arguments = ["serve", "--port", "0", "--db", db.path] + arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        // A file, not a pipe: the request log must never fill a buffer nobody reads.
        process.standardOutput = log
        process.standardError = log
        try process.run()
        server = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let said = (try? String(contentsOf: serverLog, encoding: .utf8)) ?? ""
            if let match = said.firstMatch(of: #/Admit is serving on (http://127\.0\.0\.1:\d+/)/#) {
                base = String(match.1)
                return
            }
            guard process.isRunning else { throw ToolError("admit serve exited \(process.terminationStatus): \(said.suffix(1000))") }
            usleep(50_000)
        }
        throw ToolError("admit serve named no port within 30 s")
    }

    /// Stops the server as a service manager would (SIGTERM) and waits for it to finish; its exit status, or
    /// minus the signal that ended it.
    func stop() throws -> Int32 {
        guard let server else { throw ToolError("no server was started") }
        server.terminate()
        let deadline = Date().addingTimeInterval(15)
        while server.isRunning, Date() < deadline { usleep(50_000) }
        guard !server.isRunning else {
            kill(server.processIdentifier, SIGKILL)
            throw ToolError("admit serve was still running 15 s after SIGTERM")
        }
        return server.terminationReason == .exit ? server.terminationStatus : -server.terminationStatus
    }

    // MARK: The browser

    /// Runs browser/SCENARIO.py with the server's address and `data`; what the scenario saw, decoded.
    func browse<Seen: Decodable>(_ scenario: String, _ data: [String: Any], as: Seen.Type = Seen.self) throws -> Seen {
        var argument = data
        argument["base"] = base
        argument["folder"] = folder.path
        argument["screenshots"] = Self.screenshots?.path ?? NSNull()
        let json = String(decoding: try JSONSerialization.data(withJSONObject: argument), as: UTF8.self)

        let printedFile = file("\(scenario).out")
        let errors = file("\(scenario).err")
        let process = Process()
        // Debian's python3, which has python3-selenium (not a pyenv one on the PATH).
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Self.scenarios.appendingPathComponent("\(scenario).py").path, json]
        process.currentDirectoryURL = folder
        // No __pycache__ left in the source tree.
        process.environment = ProcessInfo.processInfo.environment.merging(["PYTHONDONTWRITEBYTECODE": "1"]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try output(printedFile)
        process.standardError = try output(errors)
        try process.run()
        // The scenario's own waits time out well before this; it guards against a browser that hangs.
        let deadline = Date().addingTimeInterval(150)
        while process.isRunning, Date() < deadline { usleep(100_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        let printed = try Data(contentsOf: printedFile)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            keep = true
            let said = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            let log = (try? String(contentsOf: serverLog, encoding: .utf8)) ?? ""
            throw ToolError(
                """
                \(scenario).py exited \(process.terminationStatus) (evidence in \(folder.path)):
                \(said.suffix(3000))
                admit serve's last lines:
                \(log.split(separator: "\n").suffix(8).joined(separator: "\n"))
                """)
        }
        do {
            return try JSONDecoder().decode(Seen.self, from: printed)
        } catch {
            throw ToolError("\(scenario).py printed what the test cannot read (\(error)): \(String(decoding: printed, as: UTF8.self))")
        }
    }
}

/// One generic login as the slips' CSV gives it.
struct Slip: Equatable {
    var number: Int
    var username: String
    var password: String
    var state: String
}
