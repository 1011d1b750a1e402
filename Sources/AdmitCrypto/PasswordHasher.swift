import CArgon2

/// Argon2id password hashes as PHC strings (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`), through libargon2.
public struct PasswordHasher: Sendable, Hashable {
    /// OWASP's recommended minimum for Argon2id.
    public static let owasp = PasswordHasher(memoryKiB: 19_456, iterations: 2, parallelism: 1)

    public let memoryKiB: UInt32
    public let iterations: UInt32
    public let parallelism: UInt32
    static let saltLength = 16
    static let hashLength = 32

    public init(memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32) {
        self.memoryKiB = memoryKiB
        self.iterations = iterations
        self.parallelism = parallelism
    }

    public func hash(_ password: String, random: any RandomSource = SecureRandom()) throws -> String {
        let salt = try random.bytes(Self.saltLength)
        let secret = Array(password.utf8)
        let length = argon2_encodedlen(iterations, memoryKiB, parallelism, UInt32(salt.count), UInt32(Self.hashLength), Argon2_id)
        var encoded = [CChar](repeating: 0, count: length)
        let status = argon2id_hash_encoded(
            iterations, memoryKiB, parallelism, secret, secret.count,
            salt, salt.count, Self.hashLength, &encoded, length)
        guard status == ARGON2_OK.rawValue else { throw CryptoError("Argon2id: \(String(cString: argon2_error_message(status)))") }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The parameters written in a PHC string, or nil when it is not an Argon2id one.
    public static func parameters(of encoded: String) -> PasswordHasher? {
        let fields = encoded.split(separator: "$")
        guard fields.count >= 5, fields[0] == "argon2id" else { return nil }
        var values: [Substring: UInt32] = [:]
        for pair in fields[2].split(separator: ",") {
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let value = UInt32(parts[1]) else { return nil }
            values[parts[0]] = value
        }
        guard let m = values["m"], let t = values["t"], let p = values["p"] else { return nil }
        return PasswordHasher(memoryKiB: m, iterations: t, parallelism: p)
    }

    /// True when a hash made with `encoded`'s parameters is weaker than one made with these.
    public func isStronger(than encoded: String) -> Bool {
        guard let stored = Self.parameters(of: encoded) else { return true }
        return stored.memoryKiB < memoryKiB || stored.iterations < iterations || stored.parallelism < parallelism
    }

    /// A hash of a random password with these parameters, made once per parameters: verifying against it costs
    /// what verifying a real hash does.
    public var decoyHash: String { DecoyHashes.shared.hash(for: self) }

    /// True when `password` matches `encoded`; the parameters are those written in the string.
    public static func verify(_ password: String, against encoded: String) -> Bool {
        let secret = Array(password.utf8)
        return argon2id_verify(encoded, secret, secret.count) == ARGON2_OK.rawValue
    }
}
