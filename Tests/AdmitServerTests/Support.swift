import AdmitCore
import AdmitCrypto
import AdmitSQLite
import AdmitServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// A fresh database in a folder of its own, served in-process: two institutions (GB042, US007), a session
/// "June Maths" at GB042, a session "Autumn Chemistry" at US007, and a staff member of every role.
struct Server: Sendable {
    let folder: URL
    let admissions: Admissions
    let configuration: ServerConfiguration
    /// "June Maths" at GB042.
    let session: TestSession
    /// "Autumn Chemistry" at US007.
    let otherSession: TestSession

    /// Every staff member's password.
    static let staffPassword = "Staff-Horse-Battery-42"
    /// admin; carol and ivan of GB042; uma, coordinator of US007.
    static let admin = "admin", coordinator = "carol", invigilator = "ivan", otherCoordinator = "uma"

    init(
        _ configuration: ServerConfiguration = ServerConfiguration(), requiring required: Set<DetailField> = [],
        passwordChecked: @escaping @Sendable () -> Void = {}
    ) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-server-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try SQLiteStore.open(at: folder.appendingPathComponent("admit.sqlite"))
        admissions = Admissions(
            store: store, dataKey: .file(folder.appendingPathComponent("admit.key")), actor: "tester",
            hasher: PasswordHasher(memoryKiB: 1024, iterations: 1, parallelism: 1), passwordChecked: passwordChecked)
        self.configuration = configuration
        try admissions.addInstitution(code: "GB042", name: "Northfield College")
        try admissions.addInstitution(code: "US007", name: "Southfield High")
        session = try admissions.createSession(institution: "GB042", name: "June Maths", requiredDetails: required)
        otherSession = try admissions.createSession(institution: "US007", name: "Autumn Chemistry")
        try admissions.addStaff(username: Self.admin, role: .admin, institution: nil, password: Self.staffPassword)
        try admissions.addStaff(username: Self.coordinator, role: .coordinator, institution: "GB042", password: Self.staffPassword)
        try admissions.addStaff(username: Self.invigilator, role: .invigilator, institution: "GB042", password: Self.staffPassword)
        try admissions.addStaff(username: Self.otherCoordinator, role: .coordinator, institution: "US007", password: Self.staffPassword)
    }

    /// Builds the application as `admit serve` does and sends requests straight to its router (no network).
    func run(_ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var logger = Logger(label: "admit-server-tests")
        logger.logLevel = .critical
        let app = try await buildApplication(configuration, admissions: admissions, logger: logger)
        try await app.test(.router, test)
    }

    /// Adds a batch of generic logins to `session` and returns their credentials as the slips give them.
    func slips(_ count: Int, to session: TestSession? = nil) throws -> [CredentialRow] {
        let sheet = CapturedSheet()
        try admissions.addBatch(
            to: session ?? self.session, try BatchRequest(size: count),
            files: [CredentialFileRequest(target: folder.appendingPathComponent("slips-\(UUID())")) { _, _, _ in sheet }])
        return sheet.rows
    }

    func entries(_ session: TestSession? = nil) throws -> [EntrySummary] { try admissions.entries(of: session ?? self.session) }

    /// The id as the pages and the API print it.
    static func id(_ session: TestSession) -> String { session.id.uuidString.lowercased() }
}

/// A credential file whose rows stay in memory.
final class CapturedSheet: CredentialSheetWriter, @unchecked Sendable {
    var rows: [CredentialRow] = []
    func add(_ row: CredentialRow) throws { rows.append(row) }
    func close() throws {}
}

/// One answer, with what a person or a script would look at.
struct Page: Sendable {
    let response: TestResponse

    var status: HTTPResponse.Status { response.status }
    var headers: HTTPFields { response.headers }
    var text: String { String(buffer: response.body) }
    var bytes: [UInt8] { Array(buffer: response.body) }
    var location: String? { headers[.location] }
    /// The page's hidden `csrf` field.
    var csrf: String? { Self.firstMatch(#"name="csrf" value="([^"]+)""#, in: text) }

    /// The whole `<input …>` tag with this id, or nil.
    func input(_ id: String) -> String? {
        Self.firstMatch(#"(<input id="\#(id)"[^>]*>)"#, in: text)
    }

    /// The whole `<select …>` tag with this id, or nil.
    func select(_ id: String) -> String? {
        Self.firstMatch(#"(<select id="\#(id)"[^>]*>)"#, in: text)
    }

    /// The words of the options of the list with this id, in order.
    func options(_ id: String) -> [String] {
        guard let list = Self.firstMatch(#"(?s)<select id="\#(id)"[^>]*>(.*?)</select>"#, in: text) else { return [] }
        return Self.allMatches(#"<option[^>]*>([^<]*)</option>"#, in: list)
    }

    /// The value of the chosen option of the list with this id (the first, when none is marked), or nil.
    func chosen(_ id: String) -> String? {
        guard let list = Self.firstMatch(#"(?s)<select id="\#(id)"[^>]*>(.*?)</select>"#, in: text) else { return nil }
        return Self.firstMatch(#"<option value="([^"]*)" selected>"#, in: list) ?? Self.firstMatch(#"<option value="([^"]*)""#, in: list)
    }

    /// The personal username as the page prints it: its text (what a reader copies) and the parts a line may
    /// break between, or nil when the page shows none.
    var personalUsername: (text: String, parts: [String])? {
        guard let element = Self.firstMatch(#"(?s)id="personal-username">(.*?)</(?:p|dd)>"#, in: text) else { return nil }
        return (Self.stripTags(element), Self.allMatches(#"<span class="part">([^<]*)</span>"#, in: element))
    }

    /// The error summary's sentence (the text inside the `.error-summary` box), or nil when there is none.
    var errorSummary: String? {
        guard let box = Self.firstMatch(#"(?s)<div class="error-summary"[^>]*>(.*?)</div>"#, in: text) else { return nil }
        return Self.firstMatch(#"(?s)<p>(.*?)</p>"#, in: box).map(Self.stripTags)
    }

    /// The `role="status"` flash line, or nil.
    var flash: String? { Self.firstMatch(#"<div class="flash" role="status">([^<]*)</div>"#, in: text) }

    /// The JSON body decoded.
    func json<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(bytes))
    }

    /// The JSON body as untyped objects.
    var object: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }

    static func allMatches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    static func stripTags(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A browser: keeps the session cookie between requests and posts forms with the last page's `csrf` field.
struct Browser {
    let client: any TestClientProtocol
    let cookieName: String
    /// Every cookie the server set and has not expired (the session's, the visitor's form token, the language).
    var cookies: [String: String] = [:]
    /// The session cookie's value, as the last `Set-Cookie` left it.
    var cookie: String? {
        get { cookies[cookieName] }
        set { cookies[cookieName] = newValue }
    }
    /// The `csrf` field of the last page that had one.
    var csrf: String?
    /// Sent with every request (e.g. `Accept-Language`).
    var extraHeaders: HTTPFields = [:]

    init(_ client: any TestClientProtocol, cookieName: String = "admit") {
        self.client = client
        self.cookieName = cookieName
    }

    mutating func get(_ uri: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(uri, method: .get, headers: headers, body: nil)
    }

    /// Posts a form. `csrf`: nil sends the last page's token; `.some(nil)` sends none; `.some(x)` sends x.
    mutating func post(_ uri: String, _ fields: [(String, String)] = [], csrf: String?? = nil, headers: HTTPFields = [:]) async throws -> Page {
        var fields = fields
        switch csrf {
        case .none: if let token = self.csrf { fields.insert(("csrf", token), at: 0) }
        case .some(.none): break
        case .some(.some(let token)): fields.insert(("csrf", token), at: 0)
        }
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(uri, method: .post, headers: headers, body: ByteBuffer(string: Self.encode(fields)))
    }

    /// Posts a `multipart/form-data` form (a file upload) with the last page's `csrf` field, unless `csrf` is false.
    mutating func upload(
        _ uri: String, fields: [(String, String)] = [], file: (field: String, name: String, data: [UInt8])?,
        csrf: Bool = true
    ) async throws -> Page {
        let boundary = "----AdmitTestBoundary\(UUID().uuidString)"
        var body = ByteBuffer()
        var parts = fields
        if csrf, let token = self.csrf { parts.insert(("csrf", token), at: 0) }
        for (name, value) in parts {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        if let file {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n")
            body.writeString("Content-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(file.data)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return try await send(uri, method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: body)
    }

    mutating func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> Page {
        var headers = headers
        for field in extraHeaders { headers.append(field) }
        if !cookies.isEmpty { headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let page = Page(response: try await client.execute(uri: uri, method: method, headers: headers, body: body))
        for line in page.headers[values: .setCookie] {
            let parts = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = parts.first, let equals = first.firstIndex(of: "=") else { continue }
            let name = String(first[..<equals])
            let value = String(first[first.index(after: equals)...])
            let expired =
                parts.contains { $0.lowercased() == "max-age=0" }
                || parts.contains { part in
                    guard part.lowercased().hasPrefix("expires="), let date = Self.httpDate(String(part.dropFirst(8))) else { return false }
                    return date <= Date()
                }
            cookies[name] = expired || value.isEmpty ? nil : value
        }
        if let token = page.csrf { csrf = token }
        return page
    }

    /// Signs in at /staff as a person would: the form, the post, then the sessions page it leads to (whose
    /// forms carry the new session's token). Returns the answer to the sign-in post.
    @discardableResult
    mutating func staffSignIn(_ username: String, password: String = Server.staffPassword) async throws -> Page {
        _ = try await get("/staff")
        let answer = try await post("/staff/signin", [("username", username), ("password", password)])
        if let location = answer.location { _ = try await get(location) }
        return answer
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }

    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}

/// A script calling the JSON API with a bearer token.
struct APIClient {
    let client: any TestClientProtocol
    var token: String?

    func get(_ path: String) async throws -> Page {
        try await send(path, method: .get)
    }

    func post(_ path: String, json: String, headers: HTTPFields = [:]) async throws -> Page {
        var headers = headers
        headers[.contentType] = "application/json"
        return try await send(path, method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    func send(_ path: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> Page {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        return Page(response: try await client.execute(uri: "/api/v1" + path, method: method, headers: headers, body: body))
    }
}

/// The API's error shape: `{"error": {"status": 400, "message": "…"}}`.
struct APIError: Decodable, Equatable {
    struct Detail: Decodable, Equatable {
        var status: Int
        var message: String
    }
    var error: Detail
}
