import AdmitCore
import AdmitCrypto
import Testing

@Suite struct CredentialPolicyTests {
    @Test func codesUseOnlyTheUnambiguousAlphabet() throws {
        let code = try CredentialPolicy.code(length: 10_000, random: SecureRandom())
        #expect(code.count == 10_000)
        #expect(Set(code).isSubset(of: Set("23456789ABCDEFGHJKMNPQRSTUVWXYZ")))
        #expect(Set(code).isDisjoint(with: Set("01OIL")))
    }

    @Test func typedCodesAreNormalised() {
        #expect(CredentialPolicy.normalized("k7qm-4xpa 9r") == "K7QM4XPA9R")
        #expect(CredentialPolicy.grouped("K7QM4XPA9R") == "K7QM-4XPA-9R")
    }

    @Test(arguments: [(5, 10), (33, 10), (8, 7), (8, 65)])
    func lengthsOutsideTheLimitsAreRefused(username: Int, password: Int) {
        #expect(throws: AdmitError.self) { try CredentialPolicy(usernameLength: username, passwordLength: password) }
    }

    @Test func defaultsAreEightAndTenSymbols() {
        let policy = CredentialPolicy()
        #expect(policy.usernameLength == 8 && policy.passwordLength == 10)
    }
}

@Suite struct BatchRequestTests {
    @Test(arguments: [0, 501, -1, 10_000])
    func sizesOutsideOneTo500AreRefused(size: Int) {
        let error = #expect(throws: AdmitError.self) { try BatchRequest(size: size) }
        #expect(error?.message == "a batch holds 1 to 500 entries; \(size) is outside that range")
    }

    @Test(arguments: [1, 500])
    func theLimitsThemselvesAreAccepted(size: Int) throws {
        #expect(try BatchRequest(size: size).size == size)
    }

    @Test func aCountThatIsNotANumberIsOneSentence() {
        let error = #expect(throws: AdmitError.self) { try BatchRequest.size(from: "abc") }
        #expect(error?.message == "the count must be a whole number from 1 to 500 (got \"abc\")")
    }
}

@Suite struct InstitutionCodeTests {
    @Test func codesAreUpperCased() throws {
        #expect(try Institution.normalizedCode(" gb042 ") == "GB042")
    }

    @Test(arguments: ["G", "GB-042", "GB 042", String(repeating: "A", count: 17), "ÉCOLE1"])
    func malformedCodesAreRefused(code: String) {
        #expect(throws: AdmitError.self) { try Institution.normalizedCode(code) }
    }
}
