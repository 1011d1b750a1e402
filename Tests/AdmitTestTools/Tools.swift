import Foundation

// The programs the tests look through (Debian's python3, LibreOffice, poppler, msoffcrypto-tool), run one way.

/// Runs `program`, feeding it `input`; returns its stdout, or throws with its stderr when it fails.
@discardableResult
public func runTool(_ program: String, _ arguments: [String], input: Data? = nil) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : stdin
    process.standardOutput = stdout
    process.standardError = stderr
    // A tool that dies early must fail the test, not kill it with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    try process.run()
    if let input {
        try stdin.fileHandleForWriting.write(contentsOf: input)
        try stdin.fileHandleForWriting.close()
    }
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ToolError("\(program) exited \(process.terminationStatus): \(errors.suffix(500))")
    }
    return output
}

/// Runs a program with Debian's python3 (which has the Debian test helpers: openpyxl, olefile, uno), not a
/// pyenv one on the PATH.
@discardableResult
public func python3(_ program: String, _ arguments: [String] = [], input: Data? = nil) throws -> Data {
    try runTool("/usr/bin/python3", ["-c", program] + arguments, input: input)
}

/// A file's permission bits, as `ls -l` shows them.
public func posixMode(_ file: URL) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

public struct ToolError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
