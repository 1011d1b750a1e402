import AdmitCore
import Foundation

/// The candidate pages' words in each language, from `Strings/LANG.json`.
struct Localization: Sendable {
    static let supported = ["en", "es"]
    private let tables: [String: [String: String]]
    private let messages: [String: [String: String]]

    init(directory: URL) throws {
        var tables: [String: [String: String]] = [:]
        var messages: [String: [String: String]] = [:]
        for language in Self.supported {
            let data = try Data(contentsOf: directory.appendingPathComponent("\(language).json"))
            let decoded = try JSONDecoder().decode(Table.self, from: data)
            tables[language] = decoded.strings
            messages[language] = decoded.messages
        }
        self.tables = tables
        self.messages = messages
    }

    /// The words shipped with the server.
    static func shipped() throws -> Localization {
        guard let strings = Bundle.module.url(forResource: "Strings", withExtension: nil) else { throw ServerError.missingResources }
        return try Localization(directory: strings)
    }

    /// The words of `language`, for a template's `t`.
    func strings(_ language: String) -> [String: String] { tables[language] ?? tables["en"] ?? [:] }

    /// A refusal's reason in `language`, as a sentence; Core's English where there is no translation.
    func message(_ reason: AdmitError.Reason, _ language: String) -> String {
        message(ServerRefusal(reason), language)
    }

    /// A refusal in `language`: the translation keyed by the case's name and its first value (`nameMissing.givenName`),
    /// else by its name alone, with `{label}` filled in from its values; else its English.
    func message(_ refusal: ServerRefusal, _ language: String) -> String {
        translation(refusal, language).map(ErrorMiddleware.sentence) ?? refusal.english
    }

    /// The translation of `refusal`, nil when `language` has none.
    func translation(_ refusal: ServerRefusal, _ language: String) -> String? {
        let table = messages[language] ?? [:]
        guard !refusal.key.isEmpty, var text = refusal.values["0"].flatMap({ table["\(refusal.key).\($0)"] }) ?? table[refusal.key] else {
            return nil
        }
        for (label, value) in refusal.values { text = text.replacingOccurrences(of: "{\(label)}", with: value) }
        return text
    }

    /// What a candidate can be told on the candidate pages; each has its words in every language (a test holds it to that).
    static let candidateFacing: [ServerRefusal] =
        ([
            .signInInvalid, .alreadyRegistered, .loginExpired, .signInTimedOut, .signInStepExpired, .namesNeeded,
            .nameMissing(.givenName), .nameMissing(.familyName), .nameTooLong(.givenName, maximum: 100), .nameTooLong(.familyName, maximum: 100),
            .nameHasControlCharacter(.givenName), .nameHasControlCharacter(.familyName), .birthDateNotADate("2008-02-30"),
            .birthDateImplausible("1850-01-01"), .emailImplausible("maria@"), .candidateNumberForm(maximum: 32),
            .detailRequired(.birthDate), .detailRequired(.email), .detailRequired(.candidate),
            .passwordLength(.candidate, minimum: 8, maximum: 128), .passwordSameAsSlip, .passwordContainsUsername(.candidate),
            .passwordContainsName, .passwordCommon, .passwordsDiffer(.candidate), .storeBusy, .storeUnavailable, .storeRefused, .unexpected,
        ] as [AdmitError.Reason]).map { ServerRefusal($0) }
        + [
            .tooManySignIns(retryAfter: 30), .busy(retryAfter: 5), .formExpired, .formUnreadable, .notFound,
            .requestTooLarge(limit: "64 KiB"), .serverFailed,
        ]

    /// A refusal's sentence as a page shows it: in `language` on a candidate page; on a staff page (no language)
    /// in the staff pages' English. Every page's error text comes from here.
    func pageMessage(_ error: AdmitError, _ language: String?) -> String {
        guard let language else { return error.staffSentence }
        return message(error.reason, language)
    }

    /// The best supported language of an `Accept-Language` header (`es-MX,es;q=0.9,en;q=0.5`), else English.
    static func negotiate(_ header: String?) -> String {
        guard let header else { return "en" }
        let ranked = header.split(separator: ",").compactMap { part -> (String, Double)? in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { return nil }
            let quality = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (String(tag.split(separator: "-").first ?? ""), quality)
        }
        return ranked.filter { $0.1 > 0 && supported.contains($0.0) }.max { $0.1 < $1.1 }?.0 ?? "en"
    }

    private struct Table: Decodable {
        var strings: [String: String]
        var messages: [String: String]

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            var strings: [String: String] = [:]
            var messages: [String: String] = [:]
            for key in container.allKeys {
                if key.stringValue == "messages" {
                    messages = try container.decode([String: String].self, forKey: key)
                } else {
                    strings[key.stringValue] = try container.decode(String.self, forKey: key)
                }
            }
            self.strings = strings
            self.messages = messages
        }
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
