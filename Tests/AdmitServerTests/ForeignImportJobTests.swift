import AdmitCore
import AdmitServer
import Foundation
import Testing

/// Another institution's import job is "not found", and the answer names nothing of that institution.
@Suite struct ForeignImportJobTests {
    @Test func aCoordinatorAskingForAnotherInstitutionsJobGetsAPlain404() async throws {
        let server = try Server()
        let upload = RosterUpload(
            fileName: "northfield-june.csv", format: .csv, header: ["Candidate Number", "Given Name", "Family Name"],
            rows: [.init(number: 2, cells: ["10442", "Maria", "Garcia"])])
        let job = try #require(try server.admissions.importRoster(into: server.session, upload).job)
        let id = job.id.uuidString.lowercased()
        try await server.run { client in
            var own = Browser(client)
            try await own.staffSignIn(Server.coordinator)
            #expect(try await own.get("/staff/imports/\(id)").status == .ok)

            var other = Browser(client)
            try await other.staffSignIn(Server.otherCoordinator)
            let page = try await other.get("/staff/imports/\(id)")
            #expect(page.status == .notFound)
            for secret in [Server.id(server.session), "northfield-june", "June Maths", "GB042"] {
                #expect(!page.text.contains(secret), "the answer names \(secret)")
            }
            #expect(try await other.get("/staff/imports/\(UUID().uuidString.lowercased())").status == .notFound)
        }
    }

    @Test func coreAnswersAnotherInstitutionsJobAsAJobThatDoesNotExist() throws {
        let server = try Server()
        let upload = RosterUpload(
            fileName: "roster.csv", format: .csv, header: ["Given Name", "Family Name"], rows: [.init(number: 2, cells: ["Maria", "Garcia"])])
        let job = try #require(try server.admissions.importRoster(into: server.session, upload).job)
        let uma = try server.admissions.staffMember(Server.otherCoordinator)
        let carol = try server.admissions.staffMember(Server.coordinator)
        #expect(try server.admissions.importJob(job.id.uuidString, for: carol, may: .manage).0.id == job.id)
        let foreign = #expect(throws: AdmitError.self) { try server.admissions.importJob(job.id.uuidString, for: uma, may: .manage) }
        let unknown = UUID().uuidString
        let missing = #expect(throws: AdmitError.self) { try server.admissions.importJob(unknown, for: uma, may: .manage) }
        #expect(foreign?.kind == .notFound && foreign?.message == "there is no import job \"\(job.id.uuidString)\"")
        #expect(missing?.message == "there is no import job \"\(unknown)\"")
    }
}
