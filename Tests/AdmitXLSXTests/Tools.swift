import Foundation

/// Runs a tool the tests look through (LibreOffice, poppler, Debian's python3, msoffcrypto-tool); returns its stdout.
@discardableResult
func runTool(_ program: String, _ arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw RenderingError("\(program) exited \(process.terminationStatus): \(message.suffix(500))")
    }
    return data
}

/// Runs a program with Debian's python3 (which has the Debian test helpers, such as openpyxl and uno).
func python3Run(_ program: String, _ arguments: [String]) throws -> Data {
    try runTool("/usr/bin/python3", ["-c", program] + arguments)
}
