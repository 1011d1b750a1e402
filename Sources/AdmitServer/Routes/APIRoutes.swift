import AdmitCore
import Foundation
import HTTPTypes
import Hummingbird

/// The JSON API under `/api/v1`, for automation; described in `openapi.json`. Every route needs a bearer token.
struct APIRoutes {
    let admissions: Admissions

    func register(on router: RouterGroup<AdmitRequestContext>) {
        router.get("/sessions", use: listSessions)
        router.post("/sessions", use: createSession)
        router.get("/sessions/{id}", use: showSession)
        router.post("/sessions/{id}/batches", use: createBatch)
        router.get("/sessions/{id}/entries", use: listEntries)
        router.post("/sessions/{id}/exports", use: export)
        router.post("/sessions/{id}/withdrawals", use: withdraw)
        router.get("/sessions/{id}/report", use: report)
    }

    @Sendable func listSessions(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let search = request.uri.queryParameters["q"].map(String.init)
        return try Self.json(try await blocking { [admissions] in try admissions.sessions(visibleTo: member, search: search) })
    }

    struct NewSession: Decodable {
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
    }

    @Sendable func createSession(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        try admissions.authorize(member, .manage)
        let body = try await Self.decode(NewSession.self, request, context)
        guard let institution = body.institution ?? member.institutionCode else {
            throw AdmitError(.invalidInput, "name the session's institution in \"institution\"")
        }
        try admissions.authorize(
            member, .manage,
            session: TestSession(
                id: UUID(), institutionCode: institution.uppercased(), name: "", startsAt: nil,
                endsAt: nil, createdAt: Date()))
        let required = try DetailField.set(from: (body.requiredDetails ?? []).joined(separator: ","))
        let acting = admissions.acting(as: member.actorName)
        let session = try await blocking {
            try acting.createSession(
                institution: institution, name: body.name, startsAt: body.startsAt, endsAt: body.endsAt,
                requiredDetails: required, signInURL: body.signInURL)
        }
        return try Self.json(session, status: .created, headers: [.location: "/api/v1/sessions/\(session.id.uuidString.lowercased())"])
    }

    @Sendable func showSession(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        try Self.json(try await session(request, context, .view))
    }

    struct NewBatch: Decodable {
        var count: Int
    }

    struct BatchAnswer: Encodable {
        var batch: Batch
        var created: Bool
        var entries: [EntrySummary]
    }

    /// Adds a batch. An `Idempotency-Key` header makes a retry return the first batch (200) instead of a second one.
    @Sendable func createBatch(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, .manage)
        let body = try await Self.decode(NewBatch.self, request, context)
        let key = request.headers[HTTPField.Name("Idempotency-Key")!]
        // Scoped to the member: another member's key never collides with, or reveals, this one.
        let batchRequest = try BatchRequest(size: body.count, requestKey: key.map { "api:\(member.id.uuidString.lowercased()):\($0)" })
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
                throw AdmitError(.invalidInput, "\"\(text)\" is not a state; choose issued, converted, expired or withdrawn")
            }
            return state
        }
        return try Self.json(try await blocking { [admissions] in try admissions.entries(of: session, filter: EntryFilter(state: state)) })
    }

    struct ExportRequest: Decodable {
        var format: String?
        var layout: String?
        var entries: [UUID]?
    }

    /// The credential file (XLSX or CSV) for all or some entries; audited as a disclosure by this staff member.
    @Sendable func export(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, .download)
        let body = try await Self.decode(ExportRequest.self, request, context)
        let download = try Download(format: body.format, layout: body.layout)
        return try await download.response(admissions.acting(as: member.actorName), session: session, filter: EntryFilter(entryIDs: body.entries))
    }

    struct WithdrawRequest: Decodable {
        var entries: [UUID]
    }

    struct WithdrawAnswer: Encodable {
        var withdrawn: [UUID]
        var alreadyWithdrawn: [UUID]

        enum CodingKeys: String, CodingKey {
            case withdrawn
            case alreadyWithdrawn = "already_withdrawn"
        }
    }

    @Sendable func withdraw(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let member = try context.requireStaff()
        let session = try await session(request, context, .manage)
        let body = try await Self.decode(WithdrawRequest.self, request, context)
        let acting = admissions.acting(as: member.actorName)
        let outcome = try await blocking { try acting.withdraw(session: session, entries: body.entries) }
        return try Self.json(WithdrawAnswer(withdrawn: outcome.withdrawn, alreadyWithdrawn: outcome.alreadyWithdrawn))
    }

    @Sendable func report(_ request: Request, context: AdmitRequestContext) async throws -> Response {
        let session = try await session(request, context, .readReport)
        return try Self.json(try await blocking { [admissions] in try admissions.report(session: session) })
    }

    // MARK: Helpers

    private func session(_ request: Request, _ context: AdmitRequestContext, _ permission: StaffPermission) async throws -> TestSession {
        let member = try context.requireStaff()
        let reference = try context.parameters.require("id")
        return try await blocking { [admissions] in try admissions.session(id: reference, for: member, may: permission) }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: AdmitRequestContext) async throws -> T {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: body)
        } catch let error as DecodingError {
            throw AdmitError(.invalidInput, "the request body is not the JSON this route takes (\(Self.describe(error))); see /api/v1/openapi.json")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "\"\(key.stringValue)\" is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        case .dataCorrupted(let context):
            context.codingPath.isEmpty ? "not JSON" : "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" is not valid"
        @unknown default: "not valid"
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
