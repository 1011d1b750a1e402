import Foundation

/// How a session turns a candidate's details into a personal username: `{given}.{family}` by default.
/// Tokens: `{given}`, `{family}`, `{g}` (first initial), `{candidate}` (candidate number).
public struct UsernameTemplate: Equatable, Sendable, CustomStringConvertible {
    public static let standard = UsernameTemplate(checked: "{given}.{family}")
    public static let maximumLength = 32
    static let tokens = ["{given}", "{family}", "{g}", "{candidate}"]
    /// What a personal username is made of: lower-case ASCII letters, digits, and these.
    static let separators: Set<Character> = [".", "-", "_"]

    public let description: String

    private init(checked: String) { description = checked }

    public init(_ text: String) throws {
        var rest = text
        var hasToken = false
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let token = String(rest[open...close])
            guard Self.tokens.contains(token) else {
                throw AdmitError(.invalidInput, .notAUsernameToken(token, tokens: Self.tokens))
            }
            hasToken = true
            rest.removeSubrange(open...close)
        }
        guard hasToken, rest.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || Self.separators.contains($0) }) else {
            throw AdmitError(.invalidInput, .usernameTemplateForm(tokens: Self.tokens))

        }
        description = text
    }

    public var usesCandidateNumber: Bool { description.contains("{candidate}") }

    /// The username the details give, before any numeric suffix: folded to lower-case ASCII, at most 32 characters.
    public func base(for details: CandidateDetails) -> String {
        let given = Self.fold(details.givenName)
        let values = [
            "{given}": given, "{family}": Self.fold(details.familyName),
            "{g}": String(given.prefix(1)), "{candidate}": Self.fold(details.candidateNumber ?? ""),
        ]
        var name = description
        for (token, value) in values { name = name.replacingOccurrences(of: token, with: value) }
        let trimmed = name.trimmingCharacters(in: CharacterSet(charactersIn: ".-_"))
        let base = trimmed.isEmpty ? "candidate" : trimmed
        return String(base.prefix(Self.maximumLength))
    }

    /// The `n`th choice for `base`: `base`, then `base2`, `base3` …, cut so the whole stays within 32 characters.
    public static func candidate(_ base: String, _ n: Int) -> String {
        guard n > 1 else { return base }
        let suffix = String(n)
        return String(base.prefix(maximumLength - suffix.count)) + suffix
    }

    /// Any script to lower-case ASCII (ICU's `Any-Latin; Latin-ASCII`): `Núñez-O'Brien` → `nunez-obrien`,
    /// `Łukasz` → `lukasz`, `Ærøskøbing` → `aeroskobing`. Spaces and other marks are dropped.
    public static func fold(_ text: String) -> String {
        // ICU builds a transliterator per call (milliseconds); text already in ASCII does not need one.
        let latin =
            text.allSatisfy(\.isASCII)
            ? text
            : text.applyingTransform(StringTransform("Any-Latin; Latin-ASCII; Lower"), reverse: false) ?? text.lowercased()
        return String(latin.filter { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }.lowercased())
    }
}
