import Foundation

/// The decoy hash of each parameter set, made at first use.
final class DecoyHashes: @unchecked Sendable {
    static let shared = DecoyHashes()
    private let lock = NSLock()
    private var hashes: [PasswordHasher: String] = [:]

    func hash(for hasher: PasswordHasher) -> String {
        lock.withLock {
            if let hash = hashes[hasher] { return hash }
            let random = (try? SecureRandom().bytes(16)).map { $0.map { String($0) }.joined(separator: ".") } ?? UUID().uuidString
            let hash = (try? hasher.hash(random)) ?? ""
            hashes[hasher] = hash
            return hash
        }
    }
}
