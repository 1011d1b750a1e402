import AdmitPostgresTestTools
import AdmitTestTools
import Foundation
import Testing

/// Two `admit serve` on one PostgreSQL behind nginx: any server answers any request, and a server that dies in the
/// middle of a wave loses no candidate.
@Suite(.postgres, .serialized) struct ClusterTests {
    @Test func aFirstLoginSplitAcrossTwoServersGivesThePersonalUsername() throws {
        let cluster = try Cluster()
        let (_, slips) = try cluster.seed(entries: 4)
        try cluster.start(servers: 2)
        struct Seen: Decodable { var shown: [String] }
        let seen = try cluster.scenario("split", ["slips": slips.map(\.json)], as: Seen.self)
        #expect(seen.shown == (0..<4).map { "maria.split\($0)" })
    }

    @Test func aStaffMemberSignedInOnOneServerIsSignedInOnTheOther() throws {
        let cluster = try Cluster()
        _ = try cluster.seed(entries: 1)
        try cluster.admit(["staff", "add", "cora", "--role", "coordinator", "--institution", "GB042"], input: "Correct-Horse-9\nCorrect-Horse-9\n")
        try cluster.start(servers: 2)
        struct Seen: Decodable {
            var status: Int
            var seesSession: Bool
            var anonymousStatus: Int
            var anonymousLocation: String?
        }
        let seen = try cluster.scenario("staff", ["username": "cora", "password": "Correct-Horse-9"], as: Seen.self)
        #expect(seen.status == 200 && seen.seesSession)
        #expect(seen.anonymousStatus == 303 && seen.anonymousLocation == "/staff")
    }

    @Test func aServerKilledMidWaveLosesNoCandidateAndDoublesNone() throws {
        let cluster = try Cluster()
        let (session, slips) = try cluster.seed(entries: 200)
        try cluster.start(servers: 2)
        struct Candidate: Decodable {
            var username: String
            var shown: String?
            var retries: [String]
        }
        struct Seen: Decodable { var candidates: [Candidate] }
        let seen = try cluster.scenario(
            "wave", ["slips": slips.map(\.json), "kill_after": 40, "kill_pid": Int(cluster.servers[0].pid)],
            as: Seen.self)
        // Every candidate was shown a personal username, each a different one, in at most one retry per step.
        let shown = seen.candidates.compactMap(\.shown)
        #expect(shown.count == 200, "not shown a username: \(seen.candidates.filter { $0.shown == nil }.prefix(3).map(\.retries))")
        #expect(Set(shown).count == 200)
        #expect(!cluster.servers[0].process.isRunning)

        // Every entry converted exactly once: one registration each in the audit trail, the names those shown.
        let entries =
            try JSONSerialization.jsonObject(with: Data(try cluster.admit(["entries", "list", session, "--json"]).utf8)) as? [[String: Any]] ?? []
        #expect(entries.count == 200 && entries.allSatisfy { $0["state"] as? String == "converted" })
        let audit = try JSONSerialization.jsonObject(with: Data(try cluster.admit(["audit", session, "--json"]).utf8)) as? [[String: Any]] ?? []
        let registrations = audit.filter {
            $0["action"] as? String == "entry.register" && ($0["detail"] as? [String: Any])?["reason"] as? String != "answer given again"
        }
        #expect(registrations.count == 200)

        // No slip password anywhere in the database.
        let dump = try cluster.dump()
        #expect(slips.allSatisfy { !dump.contains($0.password) })
    }
}

extension Slip {
    var json: [String: Any] { ["username": username, "password": password, "number": number] }
}
