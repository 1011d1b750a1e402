import Foundation
import Hummingbird

/// The stylesheet, the script and the OpenAPI document, read once at start and served from memory.
struct StaticFiles: Sendable {
    private let files: [String: (type: String, body: ByteBuffer)]

    static func load() throws -> StaticFiles {
        guard let folder = Bundle.module.url(forResource: "Static", withExtension: nil),
            let openAPI = Bundle.module.url(forResource: "openapi", withExtension: "json")
        else { throw ServerError.missingResources }
        var files: [String: (String, ByteBuffer)] = [:]
        for name in ["admit.css", "admit.js"] {
            let type = name.hasSuffix(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"
            files[name] = (type, ByteBuffer(bytes: try Data(contentsOf: folder.appendingPathComponent(name))))
        }
        files["openapi.json"] = ("application/json", ByteBuffer(bytes: try Data(contentsOf: openAPI)))
        return StaticFiles(files: files)
    }

    func response(for name: String) throws -> Response {
        guard let file = files[name] else { throw HTTPError(.notFound) }
        return Self.answer(file)
    }

    /// A file of `/static/`: the stylesheet or the script only.
    func asset(_ name: String) throws -> Response {
        guard name.hasPrefix("admit."), name != "openapi.json", let file = files[name] else { throw HTTPError(.notFound) }
        return Self.answer(file)
    }

    private static func answer(_ file: (type: String, body: ByteBuffer)) -> Response {
        Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "public, max-age=3600"], body: .init(byteBuffer: file.body))
    }
}
