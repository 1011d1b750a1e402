import AdmitCrypto
import Foundation

// What a browser's steps carry from one request to the next, kept in the store so that any server can answer
// the next request: browser sessions, and rosters checked and waiting for "Import". Only digests of the
// tokens a browser holds are stored.
extension Admissions {
    /// A browser session's value, unless it has expired.
    public func webSession(key: String) throws -> [UInt8]? {
        let digest = try TokenDigest.hex(of: key)
        return try read { try $0.webSession(key: digest, at: clock()) }
    }

    /// Stores a browser session's value; a nil lifetime keeps the expiry it had.
    public func saveWebSession(key: String, value: [UInt8], expiresIn lifetime: TimeInterval?) throws {
        let digest = try TokenDigest.hex(of: key)
        let expiry = lifetime.map { clock().addingTimeInterval($0) }
        try write { try $0.saveWebSession(key: digest, value: value, expiresAt: expiry) }
    }

    /// Stores a new browser session; false when its key is taken.
    public func createWebSession(key: String, value: [UInt8], expiresIn lifetime: TimeInterval?) throws -> Bool {
        let digest = try TokenDigest.hex(of: key)
        let expiry = lifetime.map { clock().addingTimeInterval($0) }
        return try write { try $0.insertWebSession(key: digest, value: value, expiresAt: expiry) }
    }

    public func deleteWebSession(key: String) throws {
        let digest = try TokenDigest.hex(of: key)
        try write { try $0.deleteWebSession(key: digest) }
    }

    /// Deletes what has expired: browser sessions, first-login grants and checked rosters. Returns how many.
    @discardableResult
    public func deleteExpired() throws -> Int {
        let now = clock()
        return try write { try $0.deleteExpired(at: now) }
    }

    /// Keeps a checked roster until the member presses "Import", sealed (its rows may hold passwords); returns
    /// the token the page's form carries. A member keeps at most `PendingImport.perMember`: the oldest goes.
    public func keepPendingImport(_ upload: RosterUpload, session: UUID, staff: UUID) throws -> String {
        let token = Self.base64URL(try random.bytes(32))
        let digest = try TokenDigest.hex(of: token)
        let plain = try JSONEncoder().encode(upload)
        let now = clock()
        try write { store in
            let sealed = try keys.sealer(creatingIn: store).seal(Array(plain), associatedData: Self.pendingAssociatedData(digest))
            _ = try store.trimPendingImports(staff: staff, keeping: PendingImport.perMember - 1)
            try store.insert(
                PendingImport(
                    digest: digest, sessionID: session, staffID: staff, sealed: sealed,
                    expiresAt: now.addingTimeInterval(PendingImport.lifetime)))
        }
        return token
    }

    /// Takes a checked roster out (an import runs once), if it is current and this member kept it for this session.
    public func takePendingImport(_ token: String, session: UUID, staff: UUID) throws -> RosterUpload? {
        let digest = try TokenDigest.hex(of: token)
        let now = clock()
        let sealed = try write { try $0.takePendingImport(digest: digest, session: session, staff: staff, at: now) }
        guard let sealed else { return nil }
        do {
            let plain = try read { try keys.sealer(readingFrom: $0) }.open(sealed, associatedData: Self.pendingAssociatedData(digest))
            return try JSONDecoder().decode(RosterUpload.self, from: Data(plain))
        } catch is CryptoError {
            throw AdmitError(.storage, .checkedRosterUnopenable)

        }
    }

    private static func pendingAssociatedData(_ digest: String) -> [UInt8] {
        Array("pending import \(digest)".utf8)
    }
}
