import Foundation

extension Admissions {
    public func createSession(
        institution code: String, name: String, startsAt: Date? = nil, endsAt: Date? = nil,
        usernameTemplate: UsernameTemplate = .standard, requiredDetails: Set<DetailField> = [],
        signInURL: String? = nil
    ) throws -> TestSession {
        let institution = try institution(code: code)
        let name = try Self.validatedSessionName(name)
        if let startsAt, let endsAt, endsAt <= startsAt {
            throw AdmitError(.invalidInput, .endsBeforeStart(changing: false), field: .ends)
        }
        let session = TestSession(
            id: try random.uuid(), institutionCode: institution.code, name: name,
            startsAt: startsAt, endsAt: endsAt, createdAt: clock(),
            usernameTemplate: usernameTemplate, requiredDetails: requiredDetails,
            signInURL: try signInURL.map(Self.validatedSignInURL))
        return try write { store in
            try Self.requireFreeName(name, institution: institution.code, store: store)
            try store.insert(session)
            try store.append(audit(.sessionCreated, session: session.id, at: session.createdAt, .init(name: name)))
            return session
        }
    }

    public func sessions(search: String? = nil) throws -> [TestSession] {
        try read { try $0.sessions(search: search, institution: nil) }
    }

    /// A session named by its id or by its exact, unique name.
    public func session(_ reference: String) throws -> TestSession {
        let reference = reference.trimmingCharacters(in: .whitespaces)
        return try read { store in
            if let id = UUID(uuidString: reference), let session = try store.session(id: id) { return session }
            let named = try store.sessions(named: reference)
            switch named.count {
            case 1: return named[0]
            case 0: throw AdmitError(.notFound, .sessionNotFound(reference))
            default: throw AdmitError(.conflict, .sessionNameAmbiguous(reference, ids: named.map { $0.id.lowercased }))

            }
        }
    }

    func heading(for session: TestSession) throws -> SheetHeading {
        let institution = try institution(code: session.institutionCode)
        return SheetHeading(
            sessionName: session.name, institutionCode: institution.code, institutionName: institution.name,
            sessionDate: session.startsAt, signInURL: session.signInURL)
    }
}
