import Foundation

/// Files that hold secrets: created mode 0600, written under a temporary name beside the target and renamed
/// into place, so a reader sees the whole file or none of it, and nobody else can read it at any moment.
public final class PendingSecretFile {
    public let target: URL
    /// Where to write the contents before `commit()`.
    public let temporary: URL
    private var done = false

    /// Creates an empty 0600 file beside `target`. Fails with one sentence when the folder cannot take it.
    public init(target: URL) throws {
        self.target = target
        let folder = target.deletingLastPathComponent()
        var template = Array(folder.appendingPathComponent(".\(target.lastPathComponent).XXXXXX").path.utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw SecretFile.error(writing: target, errno: errno) }
        fchmod(descriptor, 0o600)
        close(descriptor)
        temporary = URL(fileURLWithPath: String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    deinit { if !done { unlink(temporary.path) } }

    /// Makes the written contents durable and renames them into place.
    public func commit() throws {
        precondition(!done, "a pending file is committed once")
        let descriptor = open(temporary.path, O_RDONLY)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
        guard rename(temporary.path, target.path) == 0 else {
            let code = errno
            discard()
            throw SecretFile.error(writing: target, errno: code)
        }
        done = true
        SecretFile.syncFolder(of: target)
    }

    /// Removes the temporary file; the target is untouched.
    public func discard() {
        guard !done else { return }
        unlink(temporary.path)
        done = true
    }
}

public enum SecretFile {
    /// Writes `contents` to `target` atomically with mode 0600.
    public static func write(_ contents: Data, to target: URL) throws {
        let pending = try PendingSecretFile(target: target)
        do {
            try contents.write(to: pending.temporary)
        } catch {
            throw CryptoError("cannot write \(target.path): \(error.localizedDescription)")
        }
        try pending.commit()
    }

    /// Writes `contents` to `target` only if nothing is there yet; false when a file already exists.
    public static func createExclusively(_ contents: Data, at target: URL) throws -> Bool {
        let pending = try PendingSecretFile(target: target)
        defer { pending.discard() }
        try contents.write(to: pending.temporary)
        let descriptor = open(pending.temporary.path, O_RDONLY)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
        // link() never replaces an existing file, unlike rename().
        if link(pending.temporary.path, target.path) == 0 {
            syncFolder(of: target)
            return true
        }
        if errno == EEXIST { return false }
        throw error(writing: target, errno: errno)
    }

    static func error(writing target: URL, errno code: Int32) -> CryptoError {
        let folder = target.deletingLastPathComponent().path
        switch code {
        case ENOENT: return CryptoError("cannot write \(target.path): the folder \(folder) does not exist")
        case EACCES, EPERM: return CryptoError("cannot write \(target.path): permission denied in \(folder)")
        case EROFS: return CryptoError("cannot write \(target.path): \(folder) is on a read-only file system")
        default: return CryptoError("cannot write \(target.path): \(String(cString: strerror(code)))")
        }
    }

    static func syncFolder(of target: URL) {
        let descriptor = open(target.deletingLastPathComponent().path, O_RDONLY)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }
}

extension SecretFile {
    /// Lets `body` write the file at a temporary 0600 path, then renames it to `target`; on error nothing is left.
    public static func write(to target: URL, using body: (URL) throws -> Void) throws {
        let pending = try PendingSecretFile(target: target)
        try body(pending.temporary)
        try pending.commit()
    }
}
