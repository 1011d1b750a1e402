import Foundation
import ZIPFoundation

/// The parts of an XLSX file, a ZIP archive, and the relationships that link them. Each part is unpacked to a
/// private temporary file with a size cap checked while unpacking, so a zip bomb is refused whatever sizes its
/// directory claims, and XMLParser streams it from there: memory holds what the readers keep, never a whole part.
final class XLSXPackage {
    static let partLimit = 256 << 20

    /// A link from one part to another (`_rels/*.rels`), its target already resolved to a path in the archive.
    struct Relationship {
        let id: String
        let type: String
        let path: String
    }

    private let archive: Archive
    /// A folder only this user can enter, removed with the package.
    private let folder: URL

    /// Opens the archive from a temporary copy (removed at once: the archive keeps its file open): ZIPFoundation's
    /// in-memory reading traps on an offset past the end of the data, which any damaged file can hold, where
    /// reading a file it gets a short read and throws.
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
        let copy = folder.appendingPathComponent("upload.xlsx")
        defer { try? FileManager.default.removeItem(at: copy) }
        do {
            try Self.write(copy) { try $0.write(contentsOf: data) }
            archive = try Archive(url: copy, accessMode: .read)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error as? TableError ?? .notWorkbook
        }
        self.folder = folder
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Streams the part at `path` through XMLEvents; false when the archive has no such part.
    @discardableResult
    func parse(_ path: String, start: XMLEvents.Start, end: XMLEvents.End = { _ in }, text: XMLEvents.Text = { _ in }) throws -> Bool {
        guard let entry = archive[path], entry.type == .file else { return false }
        guard entry.uncompressedSize <= UInt64(Self.partLimit) else { throw TableError.partTooLarge }
        let file = folder.appendingPathComponent("part.xml")
        defer { try? FileManager.default.removeItem(at: file) }
        var size = 0
        var check = XMLPartCheck()
        try Self.write(file) { handle in
            do {
                _ = try archive.extract(entry) { chunk in
                    size += chunk.count
                    guard size <= Self.partLimit else { throw TableError.partTooLarge }
                    guard check.accept(chunk) else { throw TableError.damaged(path) }
                    do { try handle.write(contentsOf: chunk) } catch { throw TableError.noTemporaryCopy }
                }
            } catch let error as TableError {
                throw error
            } catch {
                throw TableError.damaged(path)
            }
        }
        guard check.isComplete else { throw TableError.damaged(path) }
        try XMLEvents.parse(file, path: path, start: start, end: end, text: text)
        return true
    }

    /// Writes a new file only this user can read, through a FileHandle: Data.write(to:) syncs the file to disk,
    /// which costs more than reading it.
    private static func write(_ file: URL, _ body: (FileHandle) throws -> Void) throws {
        guard FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw TableError.noTemporaryCopy
        }
        let handle: FileHandle
        do { handle = try FileHandle(forWritingTo: file) } catch { throw TableError.noTemporaryCopy }
        defer { try? handle.close() }
        do { try body(handle) } catch let error as TableError { throw error } catch { throw TableError.noTemporaryCopy }
    }

    /// The relationships of the part at `path`, read from `DIR/_rels/NAME.rels`; none when that is missing.
    func relationships(of path: String) throws -> [Relationship] {
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let name = path.split(separator: "/").last.map(String.init) ?? ""
        let relsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/\(name).rels"
        var relationships: [Relationship] = []
        try parse(relsPath) { element, attributes in
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
