import AdmitCore
import Foundation
import Testing

/// Entries named the way people name them, and candidates found across sessions.
@Suite struct EntryNamesAndFindTests {
    @Test(arguments: StoreKind.all) func anEntryIsNamedByGUIDNumberOrUsername(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let slips = try fixture.slips(3)
        let admissions = fixture.admissions
        try admissions.register(
            institution: "GB042", username: slips[2].username, password: slips[2].password!, details: maria, newPassword: newPassword)
        func numbers(_ names: [String]) throws -> [Int] { try admissions.resolveEntries(names, in: fixture.session).map(\.number) }

        #expect(try numbers(["2"]) == [2])
        #expect(try numbers(["#2", " #1 "]) == [2, 1])
        #expect(try numbers([slips[0].entryID.uuidString.uppercased()]) == [1])
        // A generic username as a person types it: lower case, grouped with dashes.
        #expect(try numbers([CredentialPolicy.grouped(slips[1].username).lowercased()]) == [2])
        #expect(try numbers(["Maria.Garcia"]) == [3])
        // The slip's username of a registered entry still names it; each entry comes once.
        #expect(try numbers([slips[2].username, "maria.garcia", "#3"]) == [3])

        let unknown = #expect(throws: AdmitError.self) { try admissions.resolveEntries(["#9", "nobody", "2"], in: fixture.session) }
        #expect(
            unknown?.message
                == "2 entries are not in the session \"June Maths\": \"#9\", \"nobody\"; name entries by GUID, number (#12) or username, as the entries list shows them"
        )
    }

    @Test(arguments: StoreKind.all) func aNameThatFitsTwoEntriesIsRefusedNamingBoth(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let admissions = fixture.admissions
        let numbered = try admissions.createSession(
            institution: "GB042", name: "June Chemistry", usernameTemplate: try UsernameTemplate("{candidate}"))
        let slips = try fixture.slips(2, to: numbered)
        var details = maria
        details.candidateNumber = "1"
        try admissions.register(
            institution: "GB042", username: slips[1].username, password: slips[1].password!, details: details, newPassword: newPassword)

        let ambiguous = #expect(throws: AdmitError.self) { try admissions.resolveEntries(["1"], in: numbered) }
        #expect(
            ambiguous?.message
                == "\"1\" names 2 entries of the session \"June Chemistry\", #1 (\(slips[0].username)) and #2 (1); name one as #number or by its GUID"
        )
        #expect(try admissions.resolveEntries(["#1"], in: numbered).map(\.number) == [1])
        #expect(try admissions.resolveEntries(["#2"], in: numbered).map(\.loginUsername) == ["1"])
    }

    @Test(arguments: StoreKind.all) func anEntryOfAnotherSessionIsNotInThisOne(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let admissions = fixture.admissions
        let physics = try admissions.createSession(institution: "GB042", name: "June Physics")
        let other = try fixture.slips(1, to: physics)[0]
        _ = try fixture.slips(1)
        for name in [other.username, other.entryID.uuidString] {
            let error = #expect(throws: AdmitError.self) { try admissions.resolveEntries([name], in: fixture.session) }
            #expect(error?.message.hasPrefix("this entry is not in the session \"June Maths\": \"\(name)\"") == true)
        }
    }

    @Test(arguments: StoreKind.all) func findFindsNunezForNunezAcrossSessionsWithinWhatMayBeSeen(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let admissions = fixture.admissions
        let slips = try fixture.slips(3)
        let jose = CandidateDetails(givenName: "José", familyName: "Núñez-O'Brien", email: "Jose.Nunez@example.org", candidateNumber: "C-10442")
        try admissions.register(
            institution: "GB042", username: slips[0].username, password: slips[0].password!, details: jose, newPassword: newPassword)
        try admissions.register(
            institution: "GB042", username: slips[1].username, password: slips[1].password!, details: maria, newPassword: newPassword)
        try admissions.addInstitution(code: "US007", name: "Southfield High")
        fixture.clock.advance(by: 60)  // the newer session, listed first
        let elsewhere = try admissions.createSession(institution: "US007", name: "Algebra")
        _ = try admissions.importRoster(into: elsewhere, roster([["7", "Łucja", "NÚÑEZ", ""]]))

        let found = try admissions.find("nunez")
        #expect(found.map(\.sessionName) == ["Algebra", "June Maths"])
        #expect(found.map(\.entry.personalUsername) == ["lucja.nunez", "jose.nunez-obrien"])
        #expect(found[1].entry.number == 1 && found[1].entry.state == .converted && found[1].institutionCode == "GB042")
        #expect(try admissions.find("nunez", institution: "gb042").map(\.entry.number) == [1])
        #expect(try admissions.find("LUCJA").map(\.sessionName) == ["Algebra"])
        #expect(try admissions.find("josé o'brien").map(\.entry.number) == [1])
        #expect(try admissions.find("garcia maria").map(\.entry.number) == [2])
        #expect(try admissions.find("jose.nunez@example").map(\.entry.number) == [1])
        #expect(try admissions.find("c-10442").map(\.entry.number) == [1])
        #expect(try admissions.find(CredentialPolicy.grouped(slips[2].username).lowercased()).map(\.entry.number) == [3])
        #expect(try admissions.find("nobody here").isEmpty)

        let short = #expect(throws: AdmitError.self) { try admissions.find(" x ") }
        #expect(short?.message == "give at least 2 characters to search for")
        #expect(throws: AdmitError.self) { try admissions.find("nunez", institution: "XX999") }

        // Never a secret in what it returns.
        let json = String(decoding: try JSONEncoder().encode(found), as: UTF8.self)
        #expect(!json.contains(newPassword) && !json.contains("argon2") && json.contains("\"session\":\"Algebra\""))
    }
}
