import AdmitCrypto
import Foundation

/// Where the data key comes from: `ADMIT_DATA_KEY` (base64), else a key file beside the database.
public enum DataKeySource: Sendable {
    case environment(String)
    /// A key file, made on first need when no sealed secret would be lost.
    case file(URL)
    /// A key file that must exist: a database several servers share gets its key from outside, since two
    /// servers would each make a different one.
    case existingFile(URL)

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

    /// Whether this process has seen the database's recorded check match its key (a recorded check never changes).
    private var matched = false
    /// Whether the key opened a secret of a database that records no key yet (checked once, not at every sign-in).
    private var openedSample = false

    /// The sealer for new secrets: the key is checked against the one the database records, and recorded first
    /// if it has none, before anything is sealed; a different key is refused.
    func sealer(creatingIn store: any StoreWriter) throws -> Sealer {
        let sealer = try sealer(store: store, create: true)
        if try !matches(sealer, store: store) {
            try store.recordDataKeyCheck(try Self.check(of: sealer), at: Date())
        }
        return sealer
    }

    /// The sealer for opening secrets: refused when the database records another key.
    func sealer(readingFrom store: any StoreReader) throws -> Sealer {
        let sealer = try sealer(store: store, create: false)
        _ = try matches(sealer, store: store)
        return sealer
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

    /// True when the database records this key; false when it records none yet (and the key opens whatever it
    /// sealed before checks were recorded). Throws when the database belongs to another key.
    private func matches(_ sealer: Sealer, store: any StoreReader) throws -> Bool {
        if lock.withLock({ matched }) { return true }
        if let recorded = try store.dataKeyCheck() {
            guard constantTimeEquals(recorded, try Self.check(of: sealer)) else { throw Self.wrongKey(source) }
            lock.withLock { matched = true }
            return true
        }
        if !lock.withLock({ openedSample }), let sample = try store.sealedSample() {
            do { _ = try sealer.open(sample.sealed, associatedData: Admissions.associatedData(sample.entry)) } catch is CryptoError {
                throw Self.wrongKey(source)
            }
            lock.withLock { openedSample = true }
        }
        return false
    }

    /// A keyed value that names the key without revealing it.
    static func check(of sealer: Sealer) throws -> [UInt8] {
        try sealer.verifier(of: Array("admit data key check".utf8), associatedData: [])
    }

    static func wrongKey(_ source: DataKeySource) -> AdmitError {
        return AdmitError(.storage, .wrongDataKey(keyFile: source.keyFile))
    }

    private func loadKey(store: any StoreReader, create: Bool) throws -> DataKey {
        do {
            switch source {
            case .environment(let text):
                do { return try DataKey(base64: text) } catch let error as CryptoError {
                    throw AdmitError(.storage, .environmentKeyInvalid(error))
                }
            case .file(let url):
                if let key = try DataKey.load(from: url) { return key }
                if try store.hasSealedSecrets() || !create {
                    throw AdmitError(.storage, .keyFileLost(url.path))
                }
                return try DataKey.create(at: url, random: random)
            case .existingFile(let url):
                guard let key = try DataKey.load(from: url) else {
                    throw AdmitError(.storage, .keyFileMissing(url.path))
                }
                return key
            }
        } catch let error as CryptoError {
            throw AdmitError(.storage, .cryptography(error))

        }
    }
}

extension DataKeySource {
    /// The key file's path, nil for the environment (whose value is the key itself and is never repeated).
    var keyFile: String? {
        switch self {
        case .environment: nil
        case .file(let url), .existingFile(let url): url.path
        }
    }
}
