import AdmitCrypto
import Testing

@Suite struct PasswordHasherTests {
    @Test func hashesAreArgon2idPHCStringsWithOWASPParameters() throws {
        let hash = try PasswordHasher.owasp.hash("correct horse battery")
        #expect(hash.hasPrefix("$argon2id$v=19$m=19456,t=2,p=1$"))
        #expect(!hash.contains("correct horse battery"))
        #expect(PasswordHasher.verify("correct horse battery", against: hash))
        #expect(!PasswordHasher.verify("correct horse batterY", against: hash))
    }

    @Test func constantTimeComparisonComparesWholeValues() {
        #expect(constantTimeEquals(Array("K7QM".utf8), Array("K7QM".utf8)))
        #expect(!constantTimeEquals(Array("K7QM".utf8), Array("K7QN".utf8)))
        #expect(!constantTimeEquals(Array("K7QM".utf8), Array("K7QM4".utf8)))
    }
}
