import AdmitCore
import AdmitCrypto
import Foundation
import Testing

/// Mending staff accounts: unlock, enable, a new password, another role; never without an admin.
@Suite struct StaffAccountTests {
    static let password = StaffTests.password

    func fixture(_ kind: StoreKind) throws -> Fixture { try StaffTests().staffFixture(kind) }

    @Test(arguments: StoreKind.all) func aLockedMemberIsUnlockedAndTheirPasswordWorksAtOnce(_ kind: StoreKind) throws {
        let fixture = try fixture(kind)
        let admissions = fixture.admissions
        for _ in 1...Lockout.threshold { _ = try? admissions.authenticateStaff(username: "carol", password: "Wrong-Horse-Battery-1") }
        #expect(throws: AdmitError.self) { try admissions.authenticateStaff(username: "carol", password: Self.password) }
        #expect(try admissions.staffMember("carol").lockedUntil != nil)

        let unlocked = try admissions.unlockStaff("Carol")
        #expect(unlocked.failedAttempts == 0 && unlocked.lockedUntil == nil)
        #expect(try admissions.authenticateStaff(username: "carol", password: Self.password).username == "carol")
    }

    @Test(arguments: StoreKind.all) func aDisabledMemberIsEnabledAgainWithoutTheirOldToken(_ kind: StoreKind) throws {
        let fixture = try fixture(kind)
        let admissions = fixture.admissions
        let token = try admissions.issueToken(for: "ivan").token
        try admissions.disableStaff("ivan")
        #expect(throws: AdmitError.self) { try admissions.authenticateStaff(username: "ivan", password: Self.password) }

        #expect(try admissions.enableStaff("ivan").isDisabled == false)
        #expect(try admissions.authenticateStaff(username: "ivan", password: Self.password).username == "ivan")
        #expect(throws: AdmitError.self) { try admissions.authenticateToken(token) }
        #expect(try admissions.authenticateToken(try admissions.issueToken(for: "ivan").token).username == "ivan")
    }

    @Test(arguments: StoreKind.all) func aNewPasswordReplacesTheOldOneUnderTheSameRules(_ kind: StoreKind) throws {
        let fixture = try fixture(kind)
        let admissions = fixture.admissions
        let replacement = "Another-Staff-Horse-7"
        try admissions.setStaffPassword("carol", password: replacement)
        #expect(throws: AdmitError.self) { try admissions.authenticateStaff(username: "carol", password: Self.password) }
        #expect(try admissions.authenticateStaff(username: "carol", password: replacement).username == "carol")

        let common = #expect(throws: AdmitError.self) { try admissions.setStaffPassword("carol", password: "password1") }
        #expect(common?.message.contains("common") == true && common?.message.contains("password1") == false)
        #expect(try admissions.authenticateStaff(username: "carol", password: replacement).username == "carol")
    }

    @Test(arguments: StoreKind.all) func aRoleChangesWithItsInstitution(_ kind: StoreKind) throws {
        let fixture = try fixture(kind)
        let admissions = fixture.admissions
        let moved = try admissions.changeStaffRole("carol", to: .invigilator, institution: "us007")
        #expect(moved.role == .invigilator && moved.institutionCode == "US007")
        #expect(try admissions.staffMember("carol") == moved)
        let promoted = try admissions.changeStaffRole("ivan", to: .admin, institution: nil)
        #expect(promoted.role == .admin && promoted.institutionCode == nil)

        let cases: [(StaffRole, String?, String)] = [
            (.admin, "GB042", "an admin works for every institution, so none is named"),
            (.coordinator, nil, "a coordinator works for one institution; name it"),
            (.coordinator, "XX999", "there is no institution XX999; add it first"),
        ]
        for (role, institution, message) in cases {
            let error = #expect(throws: AdmitError.self) { try admissions.changeStaffRole("carol", to: role, institution: institution) }
            #expect(error?.message == message)
        }
        #expect(try admissions.staffMember("carol") == moved)
    }

    @Test(arguments: StoreKind.all) func theLastAdminIsNeitherDisabledNorDemoted(_ kind: StoreKind) throws {
        let fixture = try fixture(kind)
        let admissions = fixture.admissions
        let demote = #expect(throws: AdmitError.self) { try admissions.changeStaffRole("admin", to: .coordinator, institution: "GB042") }
        #expect(demote?.message == "admin is the last admin and cannot be made a coordinator; make another member an admin first")
        let disable = #expect(throws: AdmitError.self) { try admissions.disableStaff("admin") }
        #expect(disable?.message == "admin is the last admin and cannot be disabled; make another member an admin first")
        #expect(try admissions.staffMember("admin").role == .admin && !(try admissions.staffMember("admin").isDisabled))

        // A second admin makes either possible; a disabled admin does not count.
        try admissions.addStaff(username: "root", role: .admin, institution: nil, password: Self.password)
        try admissions.disableStaff("root")
        #expect(throws: AdmitError.self) { try admissions.changeStaffRole("admin", to: .invigilator, institution: "GB042") }
        try admissions.enableStaff("root")
        #expect(try admissions.changeStaffRole("admin", to: .invigilator, institution: "GB042").role == .invigilator)
        #expect(throws: AdmitError.self) { try admissions.disableStaff("root") }
    }

    @Test(arguments: StoreKind.all) func theAuditRecordsNameTheMemberAndHoldNoSecret(_ kind: StoreKind) throws {
        let fixture = try fixture(kind)
        let admissions = fixture.admissions
        let replacement = "Another-Staff-Horse-7"
        try admissions.unlockStaff("carol")
        try admissions.disableStaff("ivan")
        try admissions.enableStaff("ivan")
        try admissions.setStaffPassword("ivan", password: replacement)
        try admissions.changeStaffRole("ivan", to: .coordinator, institution: "GB042")
        let events = try admissions.auditEvents(session: nil).filter { $0.sessionID == nil }.suffix(5)
        #expect(events.map(\.action) == [.staffUnlocked, .staffDisabled, .staffEnabled, .staffPasswordSet, .staffRoleChanged])
        #expect(events.map(\.detail.name) == ["carol", "ivan", "ivan", "ivan", "ivan"])
        #expect(events.last?.detail.reason == "coordinator of GB042" && events.allSatisfy { $0.actor == "tester" })
        let json = String(decoding: try JSONEncoder().encode(Array(events)), as: UTF8.self)
        let hash = try admissions.staffMember("ivan").passwordHash
        for secret in [replacement, Self.password, hash] { #expect(!json.contains(secret)) }
    }
}
