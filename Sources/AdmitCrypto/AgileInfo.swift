import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The fields of an Agile `EncryptionInfo` stream that decryption needs, read from its XML.
struct AgileInfo {
    var keySalt: [UInt8] = []
    var encryptedHmacKey: [UInt8] = []
    var encryptedHmacValue: [UInt8] = []
    var passwordSalt: [UInt8] = []
    var spinCount = 0
    var verifierInput: [UInt8] = []
    var verifierValue: [UInt8] = []
    var keyValue: [UInt8] = []

    init(_ stream: Data) throws {
        guard stream.count > 8, stream[stream.startIndex] == 4, stream[stream.startIndex + 2] == 4 else {
            throw CryptoError("the file is not encrypted with ECMA-376 Agile Encryption (only version 4.4 is read)")
        }
        let reader = Reader()
        let parser = XMLParser(data: stream.dropFirst(8))
        parser.delegate = reader
        guard parser.parse(), let keyData = reader.elements["keyData"], let integrity = reader.elements["dataIntegrity"],
            let key = reader.elements["encryptedKey"]
        else {
            throw CryptoError("the file's encryption description cannot be read")
        }
        guard keyData["cipherAlgorithm"] == "AES", keyData["hashAlgorithm"] == "SHA512", keyData["keyBits"] == "256",
            key["hashAlgorithm"] == "SHA512", key["keyBits"] == "256"
        else {
            throw CryptoError(
                "the file is encrypted with \(keyData["cipherAlgorithm"] ?? "?")-\(keyData["keyBits"] ?? "?")/\(keyData["hashAlgorithm"] ?? "?"); Admit reads AES-256 with SHA-512"
            )
        }
        func bytes(_ attributes: [String: String], _ name: String) throws -> [UInt8] {
            guard let text = attributes[name], let data = Data(base64Encoded: text) else {
                throw CryptoError("the file's encryption description lacks \(name)")
            }
            return Array(data)
        }
        keySalt = try bytes(keyData, "saltValue")
        encryptedHmacKey = try bytes(integrity, "encryptedHmacKey")
        encryptedHmacValue = try bytes(integrity, "encryptedHmacValue")
        passwordSalt = try bytes(key, "saltValue")
        verifierInput = try bytes(key, "encryptedVerifierHashInput")
        verifierValue = try bytes(key, "encryptedVerifierHashValue")
        keyValue = try bytes(key, "encryptedKeyValue")
        guard let spin = key["spinCount"].flatMap(Int.init), (1...10_000_000).contains(spin) else {
            throw CryptoError("the file's spin count is missing or out of range")
        }
        spinCount = spin
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var elements: [String: [String: String]] = [:]

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let local = name.split(separator: ":").last.map(String.init) ?? name
            if elements[local] == nil { elements[local] = attributes }
        }
    }
}
