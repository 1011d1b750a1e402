import AdmitCore
import Foundation
import HTTPTypes
import Hummingbird

/// The JSON API under `/api/v1`, for automation; described in `openapi.json`. Every route needs a bearer token.
struct APIRoutes {
    let admissions: Admissions

    typealias Handler = @Sendable (Request, AdmitRequestContext) async throws -> Response

    func register(on router: RouterGroup<AdmitRequestContext>) {
        route("/sessions", on: router, [.get: listSessions, .post: createSession])
        route("/sessions/{id}", on: router, [.get: showSession, .patch: updateSession])
        route("/sessions/{id}/batches", on: router, [.post: createBatch])
        route("/sessions/{id}/entries", on: router, [.get: listEntries])
        route("/sessions/{id}/exports", on: router, [.post: export])
        route("/sessions/{id}/withdrawals", on: router, [.post: withdraw])
        route("/sessions/{id}/unlocks", on: router, [.post: unlock])
        route("/sessions/{id}/resets", on: router, [.post: reset])
        route("/sessions/{id}/report", on: router, [.get: report])
        route("/find", on: router, [.get: find])
        route("/staff", on: router, [.get: listStaff])
        route("/staff/{username}/unlock", on: router, [.post: unlockStaff])
        route("/staff/{username}/enable", on: router, [.post: enableStaff])
        route("/staff/{username}/disable", on: router, [.post: disableStaff])
        route("/staff/{username}/password", on: router, [.put: setStaffPassword])
        route("/staff/{username}/role", on: router, [.put: changeStaffRole])
    }

    /// QUERY, the safe method with a body (an IETF draft), which clients may try.
    static let query = HTTPRequest.Method("QUERY")!

    /// Registers a path's handlers, and for every other method a 405 naming the ones it takes.
    private func route(_ path: RouterPath, on router: RouterGroup<AdmitRequestContext>, _ handlers: [HTTPRequest.Method: Handler]) {
        let allowed = handlers.keys.map(\.rawValue).sorted().joined(separator: ", ")
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete, .options, .trace, Self.query] {
            if let handler = handlers[method] {
                router.on(path, method: method, use: handler)
            } else {
                router.on(path, method: method) { _, _ -> Response in
                    throw HTTPError(.methodNotAllowed, headers: [.allow: allowed], message: "This address takes \(allowed) only.")
                }
            }
        }
    }

    @Sendable func listSessions(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let search = request.uri.queryParameters["q"].map(String.init)
        return try Self.json(try await blocking { [admissions] in try admissions.sessions(visibleTo: member, search: search) })
    }

    struct NewSession: APIBody {
        var institution: String?
        var name: String
        var startsAt: Date?
        var endsAt: Date?
        var requiredDetails: [String]?
        var signInURL: String?

        enum CodingKeys: String, CodingKey {
            case institution, name
            case startsAt = "starts_at"
            case endsAt = "ends_at"
            case requiredDetails = "required_details"
            case signInURL = "sign_in_url"
        }
        static let fields = ["institution", "name", "starts_at", "ends_at", "required_details", "sign_in_url"]
    }

    @Sendable func createSession(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        try admissions.authorize(member, .manage)
        let body = try await Self.decode(NewSession.self, request, context)
        guard let institution = body.institution ?? member.institutionCode else {
            throw APIRefusal("name the session's institution in \"institution\"", field: "institution")
        }
        try admissions.authorize(member, .manage, institution: institution)
        let required = try DetailField.set(from: (body.requiredDetails ?? []).joined(separator: ","))
        let acting = admissions.acting(as: member.actorName)
        let session = try await blocking {
            try acting.createSession(
                institution: institution, name: body.name, startsAt: body.startsAt, endsAt: body.endsAt,
                requiredDetails: required, signInURL: body.signInURL)
        }
        return try Self.json(session, status: .created, headers: [.location: "/api/v1/sessions/\(session.id.lowercased)"])
    }

    @Sendable func showSession(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        try Self.json(try await session(request, context, .view))
    }

    struct NewBatch: APIBody {
        var count: Int
        static let fields = ["count"]
    }

    struct BatchAnswer: Encodable {
        var batch: Batch
        var created: Bool
        var entries: [EntrySummary]
    }

    /// Core's 200 characters for a request key, less the member's scope ("api:" GUID ":").
    static let longestIdempotencyKey = 159

    /// Adds a batch. An `Idempotency-Key` header makes a retry return the first batch (200) instead of a second one.
    @Sendable func createBatch(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, .manage)
        let body = try await Self.decode(NewBatch.self, request, context)
        let key = request.headers[HTTPField.Name("Idempotency-Key")!]
        if let key, !(1...Self.longestIdempotencyKey).contains(key.count) {
            throw APIRefusal("the Idempotency-Key header is 1 to \(Self.longestIdempotencyKey) characters", field: "Idempotency-Key")
        }
        // Scoped to the member: another member's key never collides with, or reveals, this one.
        let batchRequest = try BatchRequest(size: body.count, requestKey: key.map { "api:\(member.id.lowercased):\($0)" })
        let acting = admissions.acting(as: member.actorName)
        let answer = try await blocking {
            let outcome = try acting.addBatch(to: session, batchRequest)
            return BatchAnswer(
                batch: outcome.batch, created: outcome.created,
                entries: try acting.entries(of: session, filter: EntryFilter(batchID: outcome.batch.id)))
        }
        return try Self.json(answer, status: answer.created ? .created : .ok)
    }

    @Sendable func listEntries(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let session = try await session(request, context, .view)
        let state = try request.uri.queryParameters["state"].map { text in
            guard let state = EntryState(rawValue: String(text)) else {
                throw APIRefusal("\"\(text)\" is not a state; choose issued, converted, expired or withdrawn")
            }
            return state
        }
        return try Self.json(try await blocking { [admissions] in try admissions.entries(of: session, filter: EntryFilter(state: state)) })
    }

    struct ExportRequest: APIBody {
        var format: String?
        var layout: String?
        /// Leave out for the whole session.
        var entries: [EntryReference]?
        static let fields = ["format", "layout", "entries"]
    }

    /// The credential file (XLSX or CSV) for all or some entries; audited as a disclosure by this staff member.
    @Sendable func export(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, .download)
        let body = try await Self.decode(ExportRequest.self, request, context)
        let download = try Download(format: body.format, layout: body.layout)
        let ids = try await entryIDs(body.entries, in: session)
        return try await download.response(admissions.acting(as: member.actorName), session: session, filter: EntryFilter(entryIDs: ids))
    }

    struct EntriesRequest: APIBody {
        var entries: [EntryReference]
        static let fields = ["entries"]
    }

    struct WithdrawAnswer: Encodable {
        var withdrawn: [UUID]
        var alreadyWithdrawn: [UUID]

        enum CodingKeys: String, CodingKey {
            case withdrawn
            case alreadyWithdrawn = "already_withdrawn"
        }
    }

    /// The session a member manages and the entries the body names, with Core acting as that member.
    func namedEntries(_ request: Request, _ context: AdmitRequestContext) async throws -> (
        session: TestSession, ids: [UUID], acting: Admissions
    ) {
        let member = try context.requireStaff()
        let session = try await session(request, context, .manage)
        let body = try await Self.decode(EntriesRequest.self, request, context)
        return (session, try await entryIDs(body.entries, in: session) ?? [], admissions.acting(as: member.actorName))
    }

    @Sendable func withdraw(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let (session, ids, acting) = try await namedEntries(request, context)
        let outcome = try await blocking { try acting.withdraw(session: session, entries: ids) }
        return try Self.json(WithdrawAnswer(withdrawn: outcome.withdrawn, alreadyWithdrawn: outcome.alreadyWithdrawn))
    }

    @Sendable func report(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let session = try await session(request, context, .readReport)
        let filter = try request.uri.queryParameters["only"].map { text in
            guard let filter = ReportFilter(rawValue: String(text)) else {
                throw APIRefusal("\"\(text)\" is not a report filter; choose locked or not-signed-in", field: "only")
            }
            return filter
        }
        return try Self.json(try await blocking { [admissions] in try admissions.report(session: session, only: filter) })
    }

    // MARK: Helpers

    func session(_ request: Request, _ context: AdmitRequestContext, _ permission: StaffPermission) async throws -> TestSession {
        let member = try context.requireStaff()
        let reference = try context.parameters.require("id")
        return try await blocking { [admissions] in try admissions.session(id: reference, for: member, may: permission) }
    }

    static func decode<T: APIBody>(_ type: T.Type, _ request: Request, _ context: AdmitRequestContext) async throws -> T {
        var request = request
        return try T.decode(try await request.collectBody(upTo: context.maxUploadSize))
    }

    /// The entries the references name in the session (nil: none named, the whole session); Core refuses a name
    /// that fits none or two.
    func entryIDs(_ references: [EntryReference]?, in session: TestSession) async throws -> [UUID]? {
        guard let references else { return nil }
        guard !references.isEmpty else { throw APIRefusal("\"entries\" is empty; name at least one entry", field: "entries") }
        let names = references.map(\.name)
        do {
            return try await blocking { [admissions] in try admissions.resolveEntries(names, in: session).map(\.id) }
        } catch let refusal as AdmitError {
            throw refusal.about(json: "entries")
        }
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var headers = headers
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
