import AdmitCore
import Foundation
import Testing

@Suite struct UsernameTemplateTests {
    func username(_ given: String, _ family: String, template: UsernameTemplate = .standard, candidate: String? = nil) -> String {
        template.base(for: CandidateDetails(givenName: given, familyName: family, candidateNumber: candidate))
    }

    @Test(arguments: [
        ("José", "Núñez-O'Brien", "jose.nunez-obrien"),
        ("Łukasz", "Żółw", "lukasz.zolw"),
        ("Søren", "Ærøskøbing", "soren.aeroskobing"),
        ("Jürgen", "Straße", "jurgen.strasse"),
        ("Đorđe", "Šćepanović", "dorde.scepanovic"),
        ("Σωκράτης", "Παππάς", "sokrates.pappas"),
        ("Владимир", "Ильич", "vladimir.ilic"),
        ("Mary Ann", "van der Berg", "maryann.vanderberg"),
        ("Þór", "Ólafsson", "thor.olafsson"),
    ])
    func namesFoldToLowerCaseASCII(given: String, family: String, expected: String) {
        #expect(username(given, family) == expected)
    }

    @Test func tokensFillTheTemplate() throws {
        #expect(username("Maria", "Garcia", template: try UsernameTemplate("{g}{family}")) == "mgarcia")
        #expect(username("Maria", "Garcia", template: try UsernameTemplate("c{candidate}-{family}"), candidate: "GB-0042") == "cgb-0042-garcia")
    }

    @Test func namesWithNoLettersLeftStillGiveAUsername() {
        #expect(username("🙂", "—") == "candidate")
    }

    @Test func usernamesStayWithin32CharactersWithTheirSuffix() {
        let base = username("Maximilianus", "Wolfeschlegelsteinhausenbergerdorff")
        #expect(base.count == 32)
        #expect(UsernameTemplate.candidate(base, 1) == base)
        #expect(UsernameTemplate.candidate(base, 2).count == 32 && UsernameTemplate.candidate(base, 2).hasSuffix("2"))
        #expect(UsernameTemplate.candidate(base, 500).count == 32 && UsernameTemplate.candidate(base, 500).hasSuffix("500"))
        #expect(UsernameTemplate.candidate("maria.garcia", 3) == "maria.garcia3")
    }

    @Test(arguments: ["{given}.{surname}", "plain", "{given} {family}", "{Given}", "{given}.{family}!"])
    func malformedTemplatesAreRefused(text: String) {
        #expect(throws: AdmitError.self) { try UsernameTemplate(text) }
    }
}

@Suite struct CandidateDetailsTests {
    let today = ISO8601DateFormatter().date(from: "2026-11-25T12:00:00Z")!

    func validate(_ details: CandidateDetails, requiring: Set<DetailField> = []) throws -> CandidateDetails {
        try details.validated(requiring: requiring, today: today)
    }

    @Test func goodDetailsAreTrimmedAndBlanksDropped() throws {
        let details = try validate(
            CandidateDetails(
                givenName: "  Maria ", familyName: "García", birthDate: "2008-02-29",
                email: " maria@example.org ", candidateNumber: ""))
        #expect(details == CandidateDetails(givenName: "Maria", familyName: "García", birthDate: "2008-02-29", email: "maria@example.org"))
    }

    @Test(arguments: [
        CandidateDetails(givenName: "", familyName: "Garcia"),
        CandidateDetails(givenName: "Maria", familyName: String(repeating: "a", count: 101)),
        CandidateDetails(givenName: "Ma\u{0007}ria", familyName: "Garcia"),
        CandidateDetails(givenName: "Maria", familyName: "Garcia", birthDate: "2007-02-29"),
        CandidateDetails(givenName: "Maria", familyName: "Garcia", birthDate: "31/05/2008"),
        CandidateDetails(givenName: "Maria", familyName: "Garcia", birthDate: "2030-01-01"),
        CandidateDetails(givenName: "Maria", familyName: "Garcia", email: "maria@localhost"),
        CandidateDetails(givenName: "Maria", familyName: "Garcia", email: "maria garcia@example.org"),
        CandidateDetails(givenName: "Maria", familyName: "Garcia", email: "@example.org"),
        CandidateDetails(givenName: "Maria", familyName: "Garcia", candidateNumber: "12 34"),
    ])
    func badDetailsAreRefused(details: CandidateDetails) {
        #expect(throws: AdmitError.self) { try validate(details) }
    }

    @Test func aSessionCanRequireMore() throws {
        let error = #expect(throws: AdmitError.self) {
            try validate(CandidateDetails(givenName: "Maria", familyName: "Garcia"), requiring: [.email])
        }
        #expect(error?.message == "this session asks for your e-mail address; please give it")
        #expect(try DetailField.set(from: "birth-date,email,candidate") == Set(DetailField.allCases))
        #expect(throws: AdmitError.self) { try DetailField.set(from: "email,shoe-size") }
    }
}

@Suite struct PasswordPolicyTests {
    let details = CandidateDetails(givenName: "Maria", familyName: "Garcia-López")

    func check(_ password: String) throws {
        try PasswordPolicy().check(password, genericPassword: "K7QM4XPA9R", usernames: ["XWQZ72GS", "maria.garcia-lopez"], details: details)
    }

    @Test(arguments: [
        ("short1!", "8 to 128"),
        (String(repeating: "x", count: 129), "8 to 128"),
        ("k7qm-4xpa-9r", "differ from the password on your slip"),
        ("myXWQZ72GSpass", "username"),
        ("i-am-MARIA-2026", "your name"),
        ("lopez-rules-77", "your name"),
        ("password1", "common"),
        ("iloveyou2", "common"),
    ])
    func weakPasswordsAreRefusedWithTheReason(password: String, reason: String) {
        let error = #expect(throws: AdmitError.self) { try check(password) }
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
    }

    @Test func aGoodPasswordPasses() throws {
        try check("Tr0ub4dor&3horse")
        try check("correct horse battery staple")
    }

    @Test func aStaffPasswordIsRefusedInAStaffMembersWords() {
        let noDetails = CandidateDetails(givenName: "", familyName: "")
        let short = #expect(throws: AdmitError.self) {
            try PasswordPolicy().check("short1!", genericPassword: "", usernames: ["carol"], details: noDetails, for: .staff)
        }
        #expect(short?.reason == .passwordLength(.staff, minimum: 8, maximum: 128))
        #expect(short?.message == "a staff password must be 8 to 128 characters long")
        let named = #expect(throws: AdmitError.self) {
            try PasswordPolicy().check("carol-rules-77", genericPassword: "", usernames: ["carol"], details: noDetails, for: .staff)
        }
        #expect(named?.message == "a staff password must not contain the username")
    }

    /// A translation finds a reason by its case name and fills in its values by label, or by place when unlabelled.
    @Test func aReasonNamesItsCaseAndItsValues() {
        let length = AdmitError.Reason.passwordLength(.candidate, minimum: 8, maximum: 128)
        #expect(length.key == "passwordLength" && length.values == ["0": "candidate", "minimum": "8", "maximum": "128"])
        #expect(AdmitError.Reason.detailRequired(.birthDate).values == ["0": "birth-date"])
        #expect(AdmitError.Reason.signInInvalid.key == "signInInvalid" && AdmitError.Reason.signInInvalid.values.isEmpty)
        #expect(AdmitError.Reason.noSuchGroup("Gym", session: "June Maths", groups: ["Hall", "Room 4"]).values["groups"] == "Hall, Room 4")
    }
}

@Suite struct LockoutTests {
    @Test func theWaitGrowsFromOneMinuteToFifteen() {
        #expect((1...4).allSatisfy { Lockout.wait(afterFailures: $0) == nil })
        #expect([5, 6, 7, 8, 9, 30].map { Lockout.wait(afterFailures: $0) } == [60, 120, 240, 480, 900, 900])
    }
}
