import CLibCrypto

/// AES-256-GCM sealing of short secrets under the data key.
///
/// Blob layout: version (1 byte, 1) · key id (4) · nonce (12) · ciphertext · tag (16).
/// The associated data (the entry GUID) binds a blob to its row: moved to another row, it does not open.
public struct Sealer: Sendable {
    static let version: UInt8 = 1
    static let nonceLength = 12
    static let tagLength = 16
    static let headerLength = 1 + DataKey.idLength + nonceLength

    private let key: DataKey
    private let random: any RandomSource

    public init(key: DataKey, random: any RandomSource = SecureRandom()) {
        self.key = key
        self.random = random
    }

    public func seal(_ plaintext: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        let nonce = try random.bytes(Self.nonceLength)
        let context = try CipherContext(encrypt: true, key: key.bytes, nonce: nonce)
        try context.addAssociatedData(associatedData)
        var blob = [Self.version] + key.id + nonce
        blob += try context.update(plaintext)
        try context.finish()
        blob += try context.tag()
        return blob
    }

    /// HMAC-SHA256 of `message` and `associatedData` under a key derived from the data key: a verifier that
    /// lets Admit recognise a secret after destroying its sealed copy.
    public func verifier(of message: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        let macKey = try DataKey.sha256(Array("admit verifier key".utf8) + key.bytes)
        let input = associatedData + [0] + message
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard HMAC(EVP_sha256(), macKey, Int32(macKey.count), input, input.count, &output, &length) != nil else {
            throw CryptoError.openSSL("HMAC-SHA256")
        }
        return Array(output.prefix(Int(length)))
    }

    public func open(_ blob: [UInt8], associatedData: [UInt8]) throws -> [UInt8] {
        guard blob.count >= Self.headerLength + Self.tagLength, blob[0] == Self.version else {
            throw CryptoError("a sealed secret is damaged (unknown format)")
        }
        let keyID = Array(blob[1..<(1 + DataKey.idLength)])
        guard keyID == key.id else {
            throw CryptoError(
                "a sealed secret was made under another data key (key id \(DataKey.hex(keyID)), this installation has \(DataKey.hex(key.id)))")
        }
        let nonce = Array(blob[(1 + DataKey.idLength)..<Self.headerLength])
        let ciphertext = Array(blob[Self.headerLength..<(blob.count - Self.tagLength)])
        let tag = Array(blob.suffix(Self.tagLength))
        let context = try CipherContext(encrypt: false, key: key.bytes, nonce: nonce)
        try context.addAssociatedData(associatedData)
        let plaintext = try context.update(ciphertext)
        try context.setTag(tag)
        guard context.verifyFinish() else {
            throw CryptoError("a sealed secret does not open: it was altered or belongs to another entry")
        }
        return plaintext
    }
}

/// Owns one `EVP_CIPHER_CTX` for AES-256-GCM; freed in `deinit`.
private final class CipherContext {
    private let handle: OpaquePointer
    private let encrypt: Bool

    init(encrypt: Bool, key: [UInt8], nonce: [UInt8]) throws {
        guard let handle = EVP_CIPHER_CTX_new() else { throw CryptoError.openSSL("EVP_CIPHER_CTX_new") }
        self.handle = handle
        self.encrypt = encrypt
        let initialise = encrypt ? EVP_EncryptInit_ex : EVP_DecryptInit_ex
        guard initialise(handle, EVP_aes_256_gcm(), nil, nil, nil) == 1,
            EVP_CIPHER_CTX_ctrl(handle, EVP_CTRL_GCM_SET_IVLEN, Int32(nonce.count), nil) == 1,
            initialise(handle, nil, nil, key, nonce) == 1
        else { throw CryptoError.openSSL("AES-256-GCM setup") }
    }

    deinit { EVP_CIPHER_CTX_free(handle) }

    func addAssociatedData(_ data: [UInt8]) throws {
        var written: Int32 = 0
        let update = encrypt ? EVP_EncryptUpdate : EVP_DecryptUpdate
        guard update(handle, nil, &written, data, Int32(data.count)) == 1 else {
            throw CryptoError.openSSL("AES-256-GCM associated data")
        }
    }

    func update(_ input: [UInt8]) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: input.count + 16)
        var written: Int32 = 0
        let update = encrypt ? EVP_EncryptUpdate : EVP_DecryptUpdate
        guard update(handle, &output, &written, input, Int32(input.count)) == 1 else {
            throw CryptoError.openSSL("AES-256-GCM")
        }
        return Array(output.prefix(Int(written)))
    }

    func finish() throws {
        var scratch = [UInt8](repeating: 0, count: 16)
        var written: Int32 = 0
        guard EVP_EncryptFinal_ex(handle, &scratch, &written) == 1 else { throw CryptoError.openSSL("AES-256-GCM") }
    }

    func tag() throws -> [UInt8] {
        var tag = [UInt8](repeating: 0, count: Sealer.tagLength)
        guard EVP_CIPHER_CTX_ctrl(handle, EVP_CTRL_GCM_GET_TAG, Int32(tag.count), &tag) == 1 else {
            throw CryptoError.openSSL("AES-256-GCM tag")
        }
        return tag
    }

    func setTag(_ tag: [UInt8]) throws {
        var tag = tag
        guard EVP_CIPHER_CTX_ctrl(handle, EVP_CTRL_GCM_SET_TAG, Int32(tag.count), &tag) == 1 else {
            throw CryptoError.openSSL("AES-256-GCM tag")
        }
    }

    func verifyFinish() -> Bool {
        var scratch = [UInt8](repeating: 0, count: 16)
        var written: Int32 = 0
        let ok = EVP_DecryptFinal_ex(handle, &scratch, &written) == 1
        ERR_clear_error()
        return ok
    }
}
