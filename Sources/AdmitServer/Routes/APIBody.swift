import AdmitCore
import Foundation
import Hummingbird

/// A JSON request body the API takes: an object with only the fields `fields` names, none of them null. A
/// misspelt field (`starts` for `starts_at`) would otherwise be ignored and the request do something else.
protocol APIBody: Decodable {
    static var fields: [String] { get }
}

extension APIBody {
    static func decode(_ body: ByteBuffer) throws -> Self {
        let data = Data(buffer: body)
        guard let object = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) as? [String: Any] else {
            throw APIRefusal("the request body is not a JSON object; see /api/v1/openapi.json")
        }
        let unknown = object.keys.filter { !fields.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw APIRefusal(
                "the request has \(unknown.count == 1 ? "a field" : "fields") this route does not take: \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")); it takes \(fields.map { "\"\($0)\"" }.joined(separator: ", "))",
                field: unknown[0])
        }
        if let null = object.filter({ $0.value is NSNull }).keys.sorted().first {
            throw APIRefusal("\"\(null)\" is null; leave it out or give a value", field: null)
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom(APIDate.decode)
        do {
            return try decoder.decode(Self.self, from: data)
        } catch let error as DecodingError {
            throw describe(error)
        }
    }

    /// `entries[2]`, `error.field`: as a person writes the place in the JSON.
    private static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce("") { path, key in key.intValue.map { "\(path)[\($0)]" } ?? (path.isEmpty ? key.stringValue : "\(path).\(key.stringValue)") }
    }

    private static func describe(_ error: DecodingError) -> APIRefusal {
        func path(_ context: DecodingError.Context) -> String { Self.path(context.codingPath) }
        switch error {
        case .keyNotFound(let key, let context):
            let name = Self.path(context.codingPath + [key])
            return APIRefusal("\"\(name)\" is missing", field: name)
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return APIRefusal("\"\(path(context))\" should be \(APIDate.describe(type))", field: path(context))
        case .dataCorrupted(let context):
            let reason = context.debugDescription.hasPrefix(APIDate.marker) ? "is not a date and time like 2026-12-01T09:00:00Z" : "is not valid"
            return APIRefusal("\"\(path(context))\" \(reason)", field: path(context))
        @unknown default:
            return APIRefusal("the request body is not valid; see /api/v1/openapi.json")
        }
    }
}

/// A refusal of the API's own (a body that is not the route's JSON, a query value it does not take): its English and
/// the JSON name it is about. Core's refusals stay `AdmitError`s.
struct APIRefusal: Error {
    let message: String
    let field: String?

    init(_ message: String, field: String? = nil) {
        self.message = message
        self.field = field
    }

    var refusal: ServerRefusal { .untranslated(ErrorMiddleware.sentence(message)) }
}

extension AdmitError {
    /// The same refusal, about the request's JSON field `name`.
    func about(json name: String) -> AdmitError { about(AdmitField(rawValue: name)) }
}

/// Dates in the API: RFC 3339 with a zone, with or without fractions of a second.
enum APIDate {
    static let marker = "not an RFC 3339 date"

    static func decode(_ decoder: any Decoder) throws -> Date {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        for style in [Date.ISO8601FormatStyle(), Date.ISO8601FormatStyle(includingFractionalSeconds: true)] {
            if let date = try? style.parse(text) { return date }
        }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: marker)
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Date.Type: "a string"
        case is Int.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is [String].Type, is [UUID].Type, is [EntryReference].Type: "a list"
        case is EntryReference.Type: "an entry's number, GUID or username"
        default: "of another type"
        }
    }
}

/// An entry as the API names it: its GUID, its number (12, "12" or "#12") or a username.
struct EntryReference: Decodable, Sendable {
    var name: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            name = String(number)
        } else if let text = try? container.decode(String.self) {
            name = text
        } else {
            throw DecodingError.typeMismatch(
                EntryReference.self, .init(codingPath: decoder.codingPath, debugDescription: "an entry's number, GUID or username"))
        }
    }
}
