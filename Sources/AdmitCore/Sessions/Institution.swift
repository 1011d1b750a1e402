import Foundation

/// A centre. Its code (e.g. `GB042`) is printed on every slip and is part of every login.
public struct Institution: Codable, Equatable, Sendable {
    public var code: String
    public var name: String
    public var createdAt: Date

    public init(code: String, name: String, createdAt: Date) {
        self.code = code
        self.name = name
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case code, name
        case createdAt = "created_at"
    }

    /// Upper-cases and checks a code typed by a person: 2 to 16 letters and digits.
    public static func normalizedCode(_ text: String) throws -> String {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard (2...16).contains(code.count), code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw AdmitError(.invalidInput, .institutionCodeForm(text))
        }
        return code
    }

    static func validatedName(_ text: String, of what: NamedThing) throws -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(name.count), !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw AdmitError(.invalidInput, .nameForm(what, maximum: 200))
        }

        return name
    }
}
