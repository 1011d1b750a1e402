import AdmitCore
import Foundation
import Hummingbird
import MultipartKit

/// A `multipart/form-data` post (the roster upload), read with MultipartKit.
struct MultipartForm {
    let parts: [MultipartPart]

    /// The form, or nil when the request is not multipart.
    static func read(_ request: Request, body: ByteBuffer) throws -> MultipartForm? {
        guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
            let boundary = type.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.lowercased().hasPrefix("boundary=") })?.dropFirst("boundary=".count)
        else { return nil }
        let parser = MultipartParser(boundary: String(boundary).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        var parts: [MultipartPart] = []
        var current = MultipartPart(body: ByteBuffer())
        parser.onHeader = { name, value in current.headers.add(name: name, value: value) }
        parser.onBody = { chunk in current.body.writeImmutableBuffer(chunk) }
        parser.onPartComplete = {
            parts.append(current)
            current = MultipartPart(body: ByteBuffer())
        }
        do {
            try parser.execute(body)
        } catch {
            throw AdmitError(.invalidInput, .uploadUnreadable)
        }
        return MultipartForm(parts: parts)
    }

    func text(_ name: String) -> String? {
        parts.first { $0.name == name }.map { String(buffer: $0.body) }
    }

    /// A file field's name and bytes, when a file was chosen.
    func file(_ name: String) -> (fileName: String, data: Data)? {
        guard let part = parts.first(where: { $0.name == name }), part.body.readableBytes > 0 else { return nil }
        let disposition = part.headers.first(name: "Content-Disposition") ?? ""
        let fileName = disposition.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("filename=") }.map {
                String($0.dropFirst("filename=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        return (URL(fileURLWithPath: fileName ?? "roster").lastPathComponent, Data(part.body.readableBytesView))
    }
}
