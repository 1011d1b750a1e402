import AdmitCore
import Foundation

/// A password kept on the first line of a file, so it never shows in a process list or shell history.
enum PasswordFile {
    static func read(_ path: String) throws -> String {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandError(
                "cannot read the password file \(path): \((error as NSError).localizedFailureReason ?? "it is missing or not readable")")
        }
        let password = String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "").trimmingCharacters(
            in: CharacterSet(charactersIn: "\r"))
        guard !password.isEmpty else { throw CommandError("the password file \(path) is empty") }
        return password
    }
}
