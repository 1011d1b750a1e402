import AdmitCore
import Foundation
import Hummingbird

/// Mending logins on exam day: change a session, unlock and reset entries, find a candidate.
extension APIRoutes {
    struct SessionPatch: APIBody {
        var name: String?
        var startsAt: Date?
        var endsAt: Date?
        var signInURL: String?
        var usernameTemplate: String?
        var requiredDetails: [String]?
        /// Ends the session in the past although it has unused logins.
        var force: Bool?

        enum CodingKeys: String, CodingKey {
            case name, force
            case startsAt = "starts_at"
            case endsAt = "ends_at"
            case signInURL = "sign_in_url"
            case usernameTemplate = "username_template"
            case requiredDetails = "required_details"
        }
        static let fields = ["name", "starts_at", "ends_at", "sign_in_url", "username_template", "required_details", "force"]
    }

    @Sendable func updateSession(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, .manage)
        let body = try await Self.decode(SessionPatch.self, request, context)
        let changes = SessionChanges(
            name: body.name, startsAt: body.startsAt, endsAt: body.endsAt,
            usernameTemplate: try body.usernameTemplate.map { text in
                do { return try UsernameTemplate(text) } catch let refusal as AdmitError { throw refusal.about(json: "username_template") }
            },
            requiredDetails: try body.requiredDetails.map { names in
                do { return try DetailField.set(from: names.joined(separator: ",")) } catch let refusal as AdmitError {
                    throw refusal.about(json: "required_details")
                }
            },
            signInURL: body.signInURL, force: body.force ?? false)
        let acting = admissions.acting(as: member.actorName)
        do {
            return try Self.json(try await blocking { try acting.updateSession(session, changes) }.session)
        } catch let refusal as AdmitError {
            // Core's names for a session's settings, as this API spells them.
            let field = refusal.field.map { ["starts": "starts_at", "ends": "ends_at", "signInURL": "sign_in_url"][$0.rawValue] ?? $0.rawValue }
            throw field.map { refusal.about(json: $0) } ?? refusal
        }
    }

    struct UnlockAnswer: Encodable {
        var unlocked: [UUID]
        var notLocked: [UUID]

        enum CodingKeys: String, CodingKey {
            case unlocked
            case notLocked = "not_locked"
        }
    }

    @Sendable func unlock(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (session, ids, acting) = try await namedEntries(request, context)
        let outcome = try await blocking { try acting.unlock(session: session, entries: ids) }
        return try Self.json(UnlockAnswer(unlocked: outcome.unlocked.map(\.id), notLocked: outcome.notLocked.map(\.id)))
    }

    struct ResetRequest: APIBody {
        var entries: [EntryReference]
        var format: String?
        var layout: String?
        static let fields = ["entries", "format", "layout"]
    }

    /// New temporary passwords for the entries, answered as the file that hands them out (slips by default).
    @Sendable func reset(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, .manage)
        try admissions.authorize(member, .download, session: session)
        let body = try await Self.decode(ResetRequest.self, request, context)
        let download = try Download(format: body.format, layout: body.layout ?? "slips")
        let ids = try await entryIDs(body.entries, in: session) ?? []
        let acting = admissions.acting(as: member.actorName)
        return try await download.response(session: session) { requests in
            try acting.reset(session: session, entries: ids, files: requests).entries.count
        }
    }

    @Sendable func find(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let text = request.uri.queryParameters["q"].map(String.init) ?? ""
        do {
            return try Self.json(try await blocking { [admissions] in try admissions.find(text, visibleTo: member) })
        } catch let refusal as AdmitError where refusal.kind == .invalidInput {
            throw refusal.about(json: "q")
        }
    }
}
