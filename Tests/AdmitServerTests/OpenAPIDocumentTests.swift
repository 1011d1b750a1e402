import AdmitTestTools
import Foundation
import HTTPTypes
import Testing

/// The checked-in OpenAPI document says what the API does: it is valid OpenAPI 3.1, and every operation it
/// lists is answered by the router (with a token: never 404 or 405).
@Suite struct OpenAPIDocumentTests {
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/AdmitServer/openapi.json")

    @Test func theDocumentIsValidOpenAPI31() throws {
        let validator = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".venv-tools/bin/openapi-spec-validator")
        // openapi-spec-validator (PyPI) is put into .venv-tools by `make setup`.
        let output = String(decoding: try runTool(validator.path, [Self.document.path]), as: UTF8.self)
        #expect(output.contains("OK"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.document)) as? [String: Any])
        #expect(json["openapi"] as? String == "3.1.0")
    }

    @Test func everyDocumentedOperationIsRouted() async throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.document)) as? [String: Any])
        let documented = try #require(json["paths"] as? [String: [String: Any]])
        #expect(documented.count >= 8)
        let operations = documented.flatMap { path, methods in methods.keys.map { (path, $0) } }
        let server = try Server()
        _ = try server.slips(1)  // an export of an empty session is a (documented) 404 of its own
        let token = try server.admissions.issueToken(for: Server.admin).token
        let session = Server.id(server.session)
        try await server.run { client in
            for (path, method) in operations {
                let uri = path.replacingOccurrences(of: "{id}", with: session).replacingOccurrences(of: "{username}", with: Server.invigilator)
                let api = APIClient(client: client, token: token)
                let page =
                    method == "post"
                    ? try await api.post(uri, json: "{}")
                    : try await api.send(uri, method: HTTPRequest.Method(method.uppercased())!)
                #expect(page.status != .notFound && page.status != .methodNotAllowed, "\(method.uppercased()) \(path): \(page.status)")
                #expect(page.status.code < 500, "\(method.uppercased()) \(path): \(page.status)")
            }
        }
    }
}
