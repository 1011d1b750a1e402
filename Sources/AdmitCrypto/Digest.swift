import CLibCrypto

/// SHA-512 and HMAC-SHA512 through libcrypto. An instance owns one `EVP_MD_CTX` for hashing in a loop.
final class Digest {
    private let context: OpaquePointer

    init() throws {
        guard let context = EVP_MD_CTX_new() else { throw CryptoError.openSSL("EVP_MD_CTX_new") }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    func sha512(_ input: [UInt8]) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 64)
        var length: UInt32 = 0
        guard EVP_DigestInit_ex(context, EVP_sha512(), nil) == 1, EVP_DigestUpdate(context, input, input.count) == 1,
            EVP_DigestFinal_ex(context, &output, &length) == 1
        else { throw CryptoError.openSSL("SHA-512") }
        return output
    }

    static func sha512(_ input: [UInt8]) throws -> [UInt8] { try Digest().sha512(input) }

    static func hmacSHA512(key: [UInt8], _ message: [UInt8]) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 64)
        var length: UInt32 = 0
        guard HMAC(EVP_sha512(), key, Int32(key.count), message, message.count, &output, &length) != nil else {
            throw CryptoError.openSSL("HMAC-SHA512")
        }
        return output
    }
}

/// AES-256-CBC without padding (the callers pad to the block size, as MS-OFFCRYPTO asks).
enum Cipher {
    static func aes256CBC(_ input: [UInt8], key: [UInt8], iv: [UInt8], encrypting: Bool) throws -> [UInt8] {
        guard input.count % 16 == 0 else { throw CryptoError("AES-256-CBC: \(input.count) bytes is not a whole number of blocks") }
        guard let context = EVP_CIPHER_CTX_new() else { throw CryptoError.openSSL("EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: input.count + 16)
        var written: Int32 = 0
        var final: Int32 = 0
        guard EVP_CipherInit_ex(context, EVP_aes_256_cbc(), nil, key, iv, encrypting ? 1 : 0) == 1,
            EVP_CIPHER_CTX_set_padding(context, 0) == 1,
            EVP_CipherUpdate(context, &output, &written, input, Int32(input.count)) == 1,
            EVP_CipherFinal_ex(context, &output[Int(written)], &final) == 1
        else { throw CryptoError.openSSL("AES-256-CBC") }
        return Array(output.prefix(Int(written + final)))
    }
}
