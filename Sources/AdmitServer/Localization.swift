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

    /// The words of `language`, for a template's `t`.
    func strings(_ language: String) -> [String: String] { tables[language] ?? tables["en"] ?? [:] }

    /// Core's (or the server's) sentence in `language`, where a translation exists; else the sentence itself.
    /// Looked up without its capital and full stop, and with its first number as `{n}` ("wait 30 seconds").
    func message(_ text: String, _ language: String) -> String {
        let table = messages[language] ?? [:]
        let bare = text.prefix(1).lowercased() + text.dropFirst()
        let key = bare.hasSuffix(".") ? String(bare.dropLast()) : bare
        var sentence = table[text] ?? table[key]
        if sentence == nil, let number = key.firstMatch(of: /[0-9]+/) {
            sentence = table[key.replacingCharacters(in: number.range, with: "{n}")]?.replacingOccurrences(of: "{n}", with: number.output)
        }
        let chosen = sentence ?? text
        return chosen.prefix(1).uppercased() + chosen.dropFirst() + (chosen.hasSuffix(".") ? "" : ".")
    }

    /// A refusal's sentence as a page shows it: in `language` on a candidate page; on a staff page (no language)
    /// as Core wrote it, as a sentence. Every page's error text comes from here.
    func pageMessage(_ error: AdmitError, _ language: String?) -> String {
        guard let language else { return ErrorMiddleware.sentence(error.message) }
        return message(error.message, language)
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
