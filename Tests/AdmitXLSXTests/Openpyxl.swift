import Foundation

/// Reads a workbook with openpyxl (Debian's python3-openpyxl): a reader that is not libxlsxwriter.
/// The script gets the workbook as `wb` and sets `result`, which comes back as JSON.
func openpyxl<T: Decodable>(_ file: URL, _ script: String, as type: T.Type = T.self) throws -> T {
    let program = """
        import json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        \(script)
        print(json.dumps(result))
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = ["-c", program, file.path]
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw OpenpyxlError(message: message) }
    return try JSONDecoder().decode(T.self, from: data)
}

struct OpenpyxlError: Error, CustomStringConvertible {
    let message: String
    var description: String { "openpyxl failed: \(message)" }
}
