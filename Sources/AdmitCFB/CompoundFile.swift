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

        public var name: String {
            switch self {
            case .stream(let name, _), .storage(let name, _): return name
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
