import Foundation

/// Why a compound file could not be written or read, as one sentence.
public enum CFBError: Error, CustomStringConvertible, Equatable, Sendable {
    // Writing
    case emptyName(path: String)
    case nameTooLong(name: String, units: Int)
    case illegalCharacter(name: String, character: Character)
    case duplicateName(name: String, storage: String)
    case streamTooLarge(path: String, size: Int)
    case cannotWrite(path: String, reason: String)
    // Reading
    case cannotRead(path: String, reason: String)
    case notCompoundFile
    case unsupported(String)
    case truncated(needed: Int, actual: Int)
    case chainLoops(String)
    case damaged(String)

    public var description: String {
        switch self {
        case .emptyName(let path):
            return "A storage or stream in \"\(path)\" has an empty name; compound file names need 1 to 31 characters."
        case .nameTooLong(let name, let units):
            return "The name \"\(name)\" is \(units) UTF-16 code units long; compound file names allow at most 31."
        case .illegalCharacter(let name, let character):
            return "The name \"\(name)\" contains \"\(character)\", which compound file names may not contain (/ \\ : ! or NUL)."
        case .duplicateName(let name, let storage):
            return "The storage \"\(storage)\" holds two entries named \"\(name)\" (compound file names ignore case)."
        case .streamTooLarge(let path, let size):
            return "The stream \"\(path)\" is \(size) bytes; a version 3 compound file holds at most 2 GiB per stream."
        case .cannotWrite(let path, let reason):
            return "Could not write the compound file \(path): \(Self.clause(reason))."
        case .cannotRead(let path, let reason):
            return "Could not read the compound file \(path): \(Self.clause(reason))."
        case .notCompoundFile:
            return "This is not a Compound File Binary (OLE2) file: it does not start with the signature D0 CF 11 E0 A1 B1 1A E1."
        case .unsupported(let what):
            return "This compound file cannot be read: \(what)."
        case .truncated(let needed, let actual):
            return "This compound file is truncated: it needs at least \(needed) bytes but has \(actual)."
        case .chainLoops(let what):
            return "This compound file is damaged: the sector chain of \(what) loops back on itself."
        case .damaged(let what):
            return "This compound file is damaged: \(what)."
        }
    }

    /// Why a file could not be read or written, in the system's words ("No such file or directory"):
    /// Foundation's own message is two sentences.
    static func reason(_ error: any Error) -> String {
        if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? any Error {
            let posix = underlying as NSError
            if posix.domain == NSPOSIXErrorDomain, let message = strerror(Int32(posix.code)) {
                return String(cString: message)
            }
        }
        return error.localizedDescription
    }

    /// A system message as the end of our sentence: without its own full stop.
    private static func clause(_ message: String) -> String {
        message.hasSuffix(".") ? String(message.dropLast()) : message
    }
}
