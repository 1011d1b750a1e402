import AdmitTestTools
import Foundation

/// Runs the built `admit` binary as a user would, against a database in a fresh folder.
struct CLI {
    /// swift test runs the test bundle from the build folder, where `admit` is built beside it.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["ADMIT_BIN"] { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("admit")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var lines: [String] { stdout.split(separator: "\n").map(String.init) }
    }

    let folder: URL
    var db: URL { folder.appendingPathComponent("admit.sqlite") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-cli-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// Runs `admit ARGUMENTS --db DB` (unless `db` is false) as the user "coordinator".
    @discardableResult
    func run(_ arguments: [String], db: Bool = true, input: String? = nil, environment: [String: String] = [:]) throws -> Result {
        try start(arguments, db: db, input: input, environment: environment).finish()
    }

    /// A running `admit`, for tests that start many at once.
    struct Running {
        let process: Process
        let output: Pipe
        let errors: Pipe

        func finish() -> Result {
            let out = output.fileHandleForReading.readDataToEndOfFile()
            let err = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Result(
                status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                stderr: String(decoding: err, as: UTF8.self))
        }
    }

    func start(_ arguments: [String], db: Bool = true, input: String? = nil, environment extra: [String: String] = [:]) throws -> Running {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments + (db ? ["--db", self.db.path] : [])
        var environment = ProcessInfo.processInfo.environment
        environment["USER"] = "coordinator"
        environment.removeValue(forKey: "ADMIT_DATA_KEY")
        environment.removeValue(forKey: "ADMIT_DB")
        environment.merge(extra) { $1 }
        process.environment = environment
        process.currentDirectoryURL = folder
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        return Running(process: process, output: output, errors: errors)
    }

    func json<T: Decodable>(_ arguments: [String], as type: T.Type = T.self) throws -> T {
        let result = try run(arguments + ["--json"])
        guard result.status == 0 else { throw CLIError(result: result) }
        return try JSONDecoder().decode(T.self, from: Data(result.stdout.utf8))
    }

    /// An institution GB042 and a session "June Maths"; returns the session id.
    @discardableResult
    func setUp(ends: String? = nil) throws -> String {
        try expectSuccess(["institution", "add", "GB042", "--name", "Northfield College"])
        return try expectSuccess(["session", "create", "--institution", "GB042", "--name", "June Maths"] + (ends.map { ["--ends", $0] } ?? []))
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    func expectSuccess(_ arguments: [String]) throws -> Result {
        let result = try run(arguments)
        guard result.status == 0 else { throw CLIError(result: result) }
        return result
    }

    func entryCount(_ session: String = "June Maths") throws -> Int {
        try json(["entries", "list", session], as: [EntryJSON].self).count
    }

    func folderListing() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }
}

struct CLIError: Error, CustomStringConvertible {
    let result: CLI.Result
    var description: String { "admit exited \(result.status): \(result.stderr)" }
}

struct EntryJSON: Decodable, Equatable {
    var guid: String
    var number: Int
    var username: String
    var state: String
    var batch: String
}

/// One credential as a roster file holds it.
struct Credential: Hashable, Decodable {
    var number: Int
    var username: String
    var password: String?
    var state: String
}

/// The roster rows of a CSV file written by admit (its cells hold no commas or quotes in these tests).
func readCSV(_ file: URL) throws -> [Credential] {
    let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    precondition(lines.first == "#,Username,Password,Candidate,Institution ID,State,Session", "unexpected header: \(lines.first ?? "")")
    return lines.dropFirst().map { line in
        let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return Credential(number: Int(cells[0])!, username: cells[1], password: cells[2].isEmpty ? nil : cells[2], state: cells[5])
    }
}

/// The roster rows of an XLSX file, read by openpyxl (not libxlsxwriter).
func readXLSX(_ file: URL) throws -> [Credential] {
    let json = try python3(
        """
        import json, sys, openpyxl
        ws = openpyxl.load_workbook(sys.argv[1], read_only=True)["Roster"]
        rows = list(ws.iter_rows(values_only=True))
        assert list(rows[0]) == ["#", "Username", "Password", "Candidate", "Institution ID", "State", "Session"], rows[0]
        print(json.dumps([{"number": int(r[0]), "username": r[1], "password": r[2], "state": r[5]} for r in rows[1:]]))
        """, [file.path])
    return try JSONDecoder().decode([Credential].self, from: json)
}
