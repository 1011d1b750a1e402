import AdmitCrypto
import Foundation

/// Where the data key comes from: `ADMIT_DATA_KEY` (base64), else a key file beside the database.
public enum DataKeySource: Sendable {
    case environment(String)
    case file(URL)

    public static func resolve(environment: [String: String], keyFile: URL) -> DataKeySource {
        if let value = environment["ADMIT_DATA_KEY"], !value.isEmpty { return .environment(value) }
        return .file(keyFile)
    }
}

/// Loads the data key once, on first need, and creates the key file only when no sealed secret would be lost.
final class KeyVault: @unchecked Sendable {
    private let source: DataKeySource
    private let random: any RandomSource
    private let lock = NSLock()
    private var sealer: Sealer?

    init(source: DataKeySource, random: any RandomSource) {
        self.source = source
        self.random = random
    }

    func sealer(creatingIn store: any StoreReader) throws -> Sealer {
        try sealer(store: store, create: true)
    }

    func sealer(readingFrom store: any StoreReader) throws -> Sealer {
        try sealer(store: store, create: false)
    }

    private func sealer(store: any StoreReader, create: Bool) throws -> Sealer {
        lock.lock()
        defer { lock.unlock() }
        if let sealer { return sealer }
        let key = try loadKey(store: store, create: create)
        let made = Sealer(key: key, random: random)
        sealer = made
        return made
    }

    private func loadKey(store: any StoreReader, create: Bool) throws -> DataKey {
        do {
            switch source {
            case .environment(let text):
                do { return try DataKey(base64: text) } catch let error as CryptoError {
                    throw AdmitError(.storage, "ADMIT_DATA_KEY does not hold a data key: \(error.description)")
                }
            case .file(let url):
                if let key = try DataKey.load(from: url) { return key }
                if try store.hasSealedSecrets() || !create {
                    throw AdmitError(.storage, "the data key file \(url.path) is missing, and the database holds passwords sealed under it; restore the file or set ADMIT_DATA_KEY")
                }
                return try DataKey.create(at: url, random: random)
            }
        } catch let error as CryptoError {
            throw AdmitError(.storage, error.description)
        }
    }
}
