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

    /// Opens the archive from a temporary copy, removed at once (the archive keeps its open file). Hand-made
    /// because ZIPFoundation's in-memory reading traps on an offset past the end of the data, which any damaged
    /// file can hold; reading a file, it gets a short read instead and throws.
    init(_ data: Data) throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("admit-\(UUID().uuidString).xlsx")
        guard FileManager.default.createFile(atPath: copy.path, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw TableError.noTemporaryCopy }
        defer { try? FileManager.default.removeItem(at: copy) }
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
                  let resolved = Self.resolve(target, from: path) else { return }
            relationships.append(Relationship(id: id, type: type, path: resolved))
        }
        return relationships
    }

    /// A relationship target is a URI relative to the part that holds it ("worksheets/sheet1.xml" from
    /// "xl/workbook.xml"), or absolute ("/xl/worksheets/sheet1.xml"); archive paths have no leading slash.
    static func resolve(_ target: String, from path: String) -> String? {
        guard let base = URL(string: "zip:///" + path),
              let url = URL(string: target, relativeTo: base)?.absoluteURL.standardized else { return nil }
        return String(url.path.drop { $0 == "/" })
    }
}
