import AdmitCore
import Foundation
import Testing

/// The rules both stores enforce themselves, whatever Core checks first: each unique rule refuses by its name,
/// and the schema refuses staff that Core would refuse.
@Suite struct StoreRulesTests {
    @Test(arguments: StoreKind.all) func aUniqueRuleRefusesByItsName(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let now = fixture.clock.now()
        #expect(throws: StoreError.duplicate(.institutionCode)) {
            try store.write { try $0.insert(Institution(code: "GB042", name: "Again", createdAt: now)) }
        }

        let slip = try fixture.slips(1)[0]
        let entry = try fixture.entry(slip)
        var sameNumber = entry
        sameNumber.id = UUID()
        sameNumber.username = "ZZZZZZZZ"
        #expect(throws: StoreError.duplicate(.entryNumber)) { try store.write { try $0.insert(sameNumber) } }
        var sameUsername = entry
        sameUsername.id = UUID()
        sameUsername.number = 99
        #expect(throws: StoreError.duplicate(.genericUsername)) { try store.write { try $0.insert(sameUsername) } }

        _ = try fixture.admissions.importRoster(into: fixture.session, roster([["1", "Maria", "Garcia", ""]]))
        var samePersonal = entry
        samePersonal.id = UUID()
        samePersonal.number = 100
        samePersonal.kind = .named
        samePersonal.username = "maria.garcia"
        samePersonal.personalUsername = "maria.garcia"
        #expect(throws: StoreError.duplicate(.personalUsername)) { try store.write { try $0.insert(samePersonal) } }

        try fixture.admissions.addBatch(to: fixture.session, try BatchRequest(size: 1, requestKey: "k-1"))
        #expect(throws: StoreError.duplicate(.requestKey)) {
            try store.write {
                try $0.insert(Batch(id: UUID(), sessionID: fixture.session.id, requestKey: "k-1", size: 1, createdAt: now, createdBy: "x"))
            }
        }

        try store.write { try $0.insert(EntryGroup(id: UUID(), sessionID: fixture.session.id, name: "Room 4", createdAt: now)) }
        #expect(throws: StoreError.duplicate(.groupName)) {
            try store.write { try $0.insert(EntryGroup(id: UUID(), sessionID: fixture.session.id, name: "ROOM 4", createdAt: now)) }
        }

        try fixture.admissions.addStaff(username: "carol", role: .coordinator, institution: "GB042", password: StaffTests.password)
        #expect(throws: StoreError.duplicate(.staffUsername)) {
            try store.write {
                try $0.insert(StaffMember(id: UUID(), username: "carol", role: .admin, institutionCode: nil, passwordHash: "h", createdAt: now))
            }
        }
        // Nothing of what was refused is there.
        #expect(try fixture.entryCount() == 3 && fixture.admissions.staffMembers().count == 1)
    }

    @Test(arguments: StoreKind.all) func theSchemaRefusesStaffThatCoreRefuses(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        // An admin tied to an institution, a coordinator without one, an unknown role.
        for (role, institution) in [("admin", "'GB042'"), ("coordinator", "NULL"), ("owner", "NULL")] {
            #expect(throws: (any Error).self, "\(role)") {
                try fixture.execute(
                    """
                    INSERT INTO staff (id, username, role, institution_code, password_hash, created_at)
                    VALUES ('\(UUID().uuidString.lowercased())', 'x\(role)', '\(role)', \(institution), 'h', '2026-01-01 00:00:00.000')
                    """)
            }
        }
        #expect(try fixture.admissions.staffMembers().isEmpty)
    }
}
