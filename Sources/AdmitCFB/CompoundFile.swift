import Foundation

/// A Compound File Binary file ([MS-CFB], "OLE2 structured storage") to write: the root storage's children.
///
///     let file = CompoundFile([
///         .stream("EncryptionInfo", info),
///         .storage("\u{06}DataSpaces", [.stream("Version", version)]),
///     ])
///     try file.write(to: url)
///
/// Written as version 3 (512-byte sectors); streams under 4096 bytes go into the mini stream.
public struct CompoundFile: Sendable, Equatable {
    public enum Node: Sendable, Equatable {
        case stream(String, Data)
        case storage(String, [Node])
        /// A stream of `size` bytes (4096 or more) whose bytes `write(to:filling:)` asks for as it writes it, so a
        /// large one never needs to be in memory. At most one, and no other large stream after it in the directory.
        case reserved(String, size: Int)

        public var name: String {
            switch self {
            case .stream(let name, _), .storage(let name, _), .reserved(let name, _): return name
            }
        }
    }

    public var children: [Node]

    public init(_ children: [Node]) {
        self.children = children
    }

    /// The whole file in memory.
    public func data() throws -> Data {
        try Writer.write(children)
    }

    /// Writes the file into `handle` from where it stands: everything up to the reserved stream, then that stream's
    /// bytes as `filling` hands them to its `write` (exactly the reserved size in all), padded to a whole sector.
    public func write(to handle: FileHandle, filling: (_ write: (Data) throws -> Void) throws -> Void) throws {
        let (prefix, reserved) = try Writer.layOut(children)
        guard let reserved else { return try handle.write(contentsOf: prefix) }
        try handle.write(contentsOf: prefix)
        var written = 0
        try filling { bytes in
            written += bytes.count
            guard written <= reserved.size else { throw CFBError.damaged("more bytes than the stream \(reserved.path) reserved") }
            try handle.write(contentsOf: bytes)
        }
        guard written == reserved.size else { throw CFBError.damaged("the stream \(reserved.path) got \(written) of its \(reserved.size) bytes") }
        try handle.write(contentsOf: Data(count: Sector.count(written) * Sector.size - written))
    }

    /// Writes the file, replacing `url` in one step (a temporary file renamed into place).
    public func write(to url: URL) throws {
        let bytes = try data()
        do {
            try bytes.write(to: url, options: .atomic)
        } catch {
            throw CFBError.cannotWrite(path: url.path, reason: CFBError.reason(error))
        }
    }
}
