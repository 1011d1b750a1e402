import Foundation
import ZIPFoundation

/// The parts of an XLSX file, a ZIP archive, and the relationships that link them. Each part is unpacked in
/// memory with a size cap checked while unpacking, so a zip bomb is refused whatever sizes its directory claims.
struct XLSXPackage {
    static let partLimit = 256 << 20

    /// A link from one part to another (`_rels/*.rels`), its target already resolved to a path in the archive.
    struct Relationship {
        let id: String
        let type: String
        let path: String
    }

    private let archive: Archive

    /// Opens the archive from a temporary copy, in a folder only this user can enter, removed at once (the archive
    /// keeps its file open): ZIPFoundation's in-memory reading traps on an offset past the end of the data, which
    /// any damaged file can hold, where reading a file it gets a short read and throws.
    init(_ data: Data) throws {
        guard ZIP64Guard.isSafe(data) else { throw TableError.notWorkbook }
        // mkdtemp: Foundation has no call that makes a private temporary folder on Linux.
        let template = FileManager.default.temporaryDirectory.appendingPathComponent("admit-XXXXXX").path
        var bytes = Array(template.utf8CString)
        let made = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap(mkdtemp).map { String(cString: $0) }
        }
        guard let made else { throw TableError.noTemporaryCopy }
        let folder = URL(fileURLWithPath: made, isDirectory: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("upload.xlsx")
        do {
            // Through a FileHandle: Data.write(to:) syncs the file to disk, which costs more than reading it.
            guard FileManager.default.createFile(atPath: copy.path, contents: nil) else { throw TableError.noTemporaryCopy }
            let file = try FileHandle(forWritingTo: copy)
            defer { try? file.close() }
            try file.write(contentsOf: data)
        } catch {
            throw TableError.noTemporaryCopy
        }
        do {
            archive = try Archive(url: copy, accessMode: .read)
        } catch {
            throw TableError.notWorkbook
        }
    }

    /// The part's bytes, or nil when the archive has no such part.
    func part(_ path: String) throws -> Data? {
        guard let entry = archive[path], entry.type == .file else { return nil }
        guard entry.uncompressedSize <= UInt64(Self.partLimit) else { throw TableError.partTooLarge }
        var data = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                guard data.count + chunk.count <= Self.partLimit else { throw TableError.partTooLarge }
                data.append(chunk)
            }
        } catch let error as TableError {
            throw error
        } catch {
            throw TableError.damaged(path)
        }
        return data
    }

    /// The relationships of the part at `path`, read from `DIR/_rels/NAME.rels`; none when that is missing.
    func relationships(of path: String) throws -> [Relationship] {
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/\(name).rels"
        guard let data = try part(relsPath) else { return [] }
        var relationships: [Relationship] = []
        try XMLEvents.parse(data, path: relsPath) { element, attributes in
            guard element == "Relationship", attributes["TargetMode"] != "External",
                let id = attributes["Id"], let type = attributes["Type"], let target = attributes["Target"],
                let resolved = Self.resolve(target, from: path)
            else { return }
            relationships.append(Relationship(id: id, type: type, path: resolved))
        }
        return relationships
    }

    /// A relationship target is a URI relative to the part that holds it ("worksheets/sheet1.xml" from
    /// "xl/workbook.xml"), or absolute ("/xl/worksheets/sheet1.xml"); archive paths have no leading slash.
    static func resolve(_ target: String, from path: String) -> String? {
        guard let base = URL(string: "zip:///" + path),
            let url = URL(string: target, relativeTo: base)?.absoluteURL.standardized
        else { return nil }
        return String(url.path.drop { $0 == "/" })
    }
}
