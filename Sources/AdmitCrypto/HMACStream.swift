import CLibCrypto

/// HMAC-SHA512 over a message fed in pieces, through libcrypto's EVP_MAC: the encrypted package of a large
/// workbook is checked without holding it in memory.
final class HMACStream {
    private let mac: OpaquePointer
    private let context: OpaquePointer

    init(key: [UInt8]) throws {
        guard let mac = EVP_MAC_fetch(nil, "HMAC", nil) else { throw CryptoError.openSSL("EVP_MAC_fetch HMAC") }
        guard let context = EVP_MAC_CTX_new(mac) else {
            EVP_MAC_free(mac)
            throw CryptoError.openSSL("EVP_MAC_CTX_new")
        }
        (self.mac, self.context) = (mac, context)
        let initialised = "digest".withCString { name in
            "SHA512".withCString { digest in
                var parameters = [OSSL_PARAM_construct_utf8_string(name, UnsafeMutablePointer(mutating: digest), 0), OSSL_PARAM_construct_end()]
                return EVP_MAC_init(context, key, key.count, &parameters)
            }
        }
        guard initialised == 1 else { throw CryptoError.openSSL("HMAC-SHA512") }
    }

    deinit {
        EVP_MAC_CTX_free(context)
        EVP_MAC_free(mac)
    }

    func update(_ bytes: [UInt8]) throws {
        guard EVP_MAC_update(context, bytes, bytes.count) == 1 else { throw CryptoError.openSSL("HMAC-SHA512") }
    }

    func finish() throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 64)
        var length = 0
        guard EVP_MAC_final(context, &output, &length, output.count) == 1 else { throw CryptoError.openSSL("HMAC-SHA512") }
        return Array(output.prefix(length))
    }
}
