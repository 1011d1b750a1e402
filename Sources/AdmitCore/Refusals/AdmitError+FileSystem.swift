import Foundation

extension AdmitError {
    /// A file the system would not let Admit write (a full disk, a read-only one, no permission) as one sentence
    /// naming the file, instead of Foundation's "NSCocoaErrorDomain Code=640"; nil for any other error.
    public init?(fileSystem error: any Error, writing targets: [URL] = []) {
        let domain: String
        let code: Int
        var path: String?
        if let cocoa = error as? CocoaError {
            (domain, code, path) = (NSCocoaErrorDomain, cocoa.code.rawValue, cocoa.filePath)
        } else if let posix = error as? POSIXError {
            (domain, code) = (NSPOSIXErrorDomain, Int(posix.code.rawValue))
        } else {
            let ns = error as NSError
            (domain, code, path) = (ns.domain, ns.code, ns.userInfo[NSFilePathErrorKey] as? String)
        }
        let problem: WriteProblem
        switch (domain, code) {
        case (NSCocoaErrorDomain, CocoaError.fileWriteOutOfSpace.rawValue), (NSPOSIXErrorDomain, Int(ENOSPC)):
            problem = .diskFull
        case (NSCocoaErrorDomain, CocoaError.fileWriteVolumeReadOnly.rawValue), (NSPOSIXErrorDomain, Int(EROFS)):
            problem = .readOnly
        case (NSCocoaErrorDomain, CocoaError.fileWriteNoPermission.rawValue), (NSPOSIXErrorDomain, Int(EACCES)):
            problem = .noPermission
        default:
            return nil
        }
        // The files the caller was writing, by their own names: the error's path is a temporary one beside them.
        let names = targets.isEmpty ? path.map { [$0] } ?? [] : targets.map(\.path)
        self.init(.storage, .cannotWrite(names, problem))

    }
}

/// Why the system would not let Admit write a file.
public enum WriteProblem: String, Sendable {
    case diskFull, readOnly, noPermission
}
