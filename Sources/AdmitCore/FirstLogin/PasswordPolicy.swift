import Foundation

/// What a candidate's new password must be: 8 to 128 characters; not the generic password; not containing the
/// username or a name part of 4 or more letters; not one of the 30,000 most common passwords.
public struct PasswordPolicy: Sendable {
    public static let lengths = 8...128
    /// Shown to candidates before they type, not after they fail.
    public static let summary = "8 to 128 characters; not your slip's password; not containing your username or your name; not a common password."

    public init() {}

    static let sameAsSlip = AdmitError(.invalidInput, .passwordSameAsSlip, field: .newPassword)

    /// Checks a candidate's new password, or (`for: .staff`, no slip and no name) a staff member's.
    public func check(
        _ password: String, genericPassword: String, usernames: [String], details: CandidateDetails, for holder: PasswordHolder = .candidate
    ) throws {
        guard Self.lengths.contains(password.count) else {
            throw AdmitError(
                .invalidInput, .passwordLength(holder, minimum: Self.lengths.lowerBound, maximum: Self.lengths.upperBound), field: .newPassword)
        }
        let lowered = password.lowercased()
        if !genericPassword.isEmpty, CredentialPolicy.normalized(password) == CredentialPolicy.normalized(genericPassword) {
            throw Self.sameAsSlip
        }
        for username in usernames where !username.isEmpty && lowered.contains(username.lowercased()) {
            throw AdmitError(.invalidInput, .passwordContainsUsername(holder), field: .newPassword)
        }
        let nameParts = [details.givenName, details.familyName]
            .flatMap { $0.lowercased().split(whereSeparator: { !$0.isLetter }) }
            .filter { $0.count >= 4 }
        for part in nameParts where lowered.contains(part) || UsernameTemplate.fold(password).contains(UsernameTemplate.fold(String(part))) {
            throw AdmitError(.invalidInput, .passwordContainsName, field: .newPassword)
        }
        if try CommonPasswords.shared().contains(lowered) {
            throw AdmitError(.invalidInput, .passwordCommon, field: .newPassword)
        }
    }
}

/// The common-password list shipped as a resource (see Resources/common-passwords.txt for its origin).
enum CommonPasswords {
    private static let loaded: Result<Set<String>, AdmitError> = {
        guard let url = resourceURL(), let text = try? String(contentsOf: url, encoding: .utf8) else {
            return .failure(AdmitError(.storage, .commonPasswordsMissing))

        }
        return .success(Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)))
    }()

    static func shared() throws -> Set<String> { try loaded.get() }

    /// Looks beside the program (and the test bundle) instead of `Bundle.module`, which would crash, not throw, when absent.
    private static func resourceURL() -> URL? {
        let name = "Admit_AdmitCore.resources/common-passwords.txt"
        let places = [
            Bundle.main.executableURL?.deletingLastPathComponent(), Bundle.main.bundleURL,
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent(),
        ]
        return places.compactMap { $0?.appendingPathComponent(name) }.first { FileManager.default.fileExists(atPath: $0.path) }
    }
}

/// Whose password a rule is worded for: a candidate's ("the new password", "your username") or a staff member's.
public enum PasswordHolder: String, Sendable {
    case candidate, staff
}
