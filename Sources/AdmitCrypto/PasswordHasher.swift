import CArgon2

/// Argon2id password hashes as PHC strings (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`), through libargon2.
public struct PasswordHasher: Sendable {
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
        let status = argon2id_hash_encoded(iterations, memoryKiB, parallelism, secret, secret.count,
                                           salt, salt.count, Self.hashLength, &encoded, length)
        guard status == ARGON2_OK.rawValue else { throw CryptoError("Argon2id: \(String(cString: argon2_error_message(status)))") }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// True when `password` matches `encoded`; the parameters are those written in the string.
    public static func verify(_ password: String, against encoded: String) -> Bool {
        let secret = Array(password.utf8)
        return argon2id_verify(encoded, secret, secret.count) == ARGON2_OK.rawValue
    }
}
