import CLibCrypto

/// SHA-256 of a bearer token, as stored: a token carries 256 random bits, so a fast hash is enough to keep a
/// stolen database from opening the API (a slow password hash would only slow every request).
public enum TokenDigest {
    public static func hex(of token: String) throws -> String {
        let input = Array(token.utf8)
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        guard EVP_Digest(input, input.count, &output, &length, EVP_sha256(), nil) == 1 else { throw CryptoError.openSSL("SHA-256") }
        return output.map { String(format: "%02x", $0) }.joined()
    }
}
