import Foundation

/// What `updateSession` changes; nil leaves a setting as it is.
public struct SessionChanges: Sendable {
    public var name: String?
    public var startsAt: Date?
    public var endsAt: Date?
    public var usernameTemplate: UsernameTemplate?
    public var requiredDetails: Set<DetailField>?
    public var signInURL: String?
    /// Ends the session in the past although it has unused logins (they stop working at once).
    public var force = false

    public init(
        name: String? = nil, startsAt: Date? = nil, endsAt: Date? = nil, usernameTemplate: UsernameTemplate? = nil,
        requiredDetails: Set<DetailField>? = nil, signInURL: String? = nil, force: Bool = false
    ) {
        self.name = name
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.usernameTemplate = usernameTemplate
        self.requiredDetails = requiredDetails
        self.signInURL = signInURL
        self.force = force
    }

    /// The settings named, in words, for the audit trail.
    public var fields: [String] {
        [
            name.map { _ in "name" }, startsAt.map { _ in "starts" }, endsAt.map { _ in "ends" },
            usernameTemplate.map { _ in "username template" }, requiredDetails.map { _ in "required details" },
            signInURL.map { _ in "sign-in address" },
        ].compactMap { $0 }
    }
}

/// What a session update did.
public struct SessionUpdateOutcome: Sendable {
    public var session: TestSession
    /// Unused logins whose expiry moved with the session's new end.
    public var movedExpiries: Int
}

extension Admissions {
    /// Changes a session's settings. Unused logins follow a new end: each expires 90 days after its password was
    /// made or when the session now ends, whichever is first, so a delayed exam's slips work again. A name another
    /// session of the institution has, or an end before the start, is refused; an end in the past while logins are
    /// unused is refused unless forced.
    @discardableResult
    public func updateSession(_ session: TestSession, _ changes: SessionChanges) throws -> SessionUpdateOutcome {
        guard !changes.fields.isEmpty else { throw AdmitError(.invalidInput, .noSessionChange) }
        let name = try changes.name.map(Self.validatedSessionName)
        let signInURL = try changes.signInURL.map(Self.validatedSignInURL)
        let now = clock()
        return try write { store in
            guard var updated = try store.session(id: session.id) else {
                throw AdmitError(.notFound, .sessionGone(session.name))
            }
            if let name {
                try Self.requireFreeName(name, institution: updated.institutionCode, except: updated.id, store: store)
                updated.name = name
            }
            updated.startsAt = changes.startsAt ?? updated.startsAt
            updated.endsAt = changes.endsAt ?? updated.endsAt
            if let startsAt = updated.startsAt, let endsAt = updated.endsAt, endsAt <= startsAt {
                throw AdmitError(.invalidInput, .endsBeforeStart(changing: true), field: .ends)
            }
            if let endsAt = changes.endsAt, endsAt <= now, !changes.force {
                let unused = try store.entryCount(session: updated.id, filter: EntryFilter(state: .issued), now: now)
                if unused > 0 {
                    throw AdmitError(.invalidInput, .endInPast(unusedLogins: unused), field: .force)
                }
            }
            // Made again through the initialiser, whose rule holds: a template that uses the candidate number requires one.
            updated = TestSession(
                id: updated.id, institutionCode: updated.institutionCode, name: updated.name, startsAt: updated.startsAt,
                endsAt: updated.endsAt, createdAt: updated.createdAt,
                usernameTemplate: changes.usernameTemplate ?? updated.usernameTemplate,
                requiredDetails: changes.requiredDetails ?? updated.requiredDetails, signInURL: signInURL ?? updated.signInURL)
            try store.update(updated)

            var moved = 0
            if changes.endsAt != nil {
                var expiries: [(UUID, Date)] = []
                try store.forEachEntry(session: updated.id, filter: EntryFilter(), now: now) { entry in
                    guard entry.storedState == .issued else { return }
                    let expiry = Entry.expiry(createdAt: entry.issuedAt, session: updated)
                    if expiry != entry.expiresAt { expiries.append((entry.id, expiry)) }
                }
                // Written after the entries are read: a cursor's table is not changed under it.
                for (entry, expiry) in expiries { try store.setExpiry(entry: entry, to: expiry) }
                moved = expiries.count
            }
            try store.append(
                audit(
                    .sessionUpdated, session: updated.id, at: now,
                    .init(
                        count: changes.endsAt == nil ? nil : moved, name: updated.name,
                        reason: "changed " + changes.fields.joined(separator: ", ") + (changes.force ? " (forced)" : ""))))
            return SessionUpdateOutcome(session: updated, movedExpiries: moved)
        }
    }

    /// Refuses a session name another session of the institution has, so that a name always names one session.
    static func requireFreeName(_ name: String, institution: String, except id: UUID? = nil, store: any StoreReader) throws {
        if try store.sessions(named: name).contains(where: { $0.institutionCode == institution && $0.id != id }) {
            throw AdmitError(.conflict, .sessionNameTaken(name, institution: institution), field: .sessionName)

        }
    }

    static func validatedSessionName(_ text: String) throws -> String {
        do { return try Institution.validatedName(text, of: .session) } catch let refusal as AdmitError { throw refusal.about(.sessionName) }

    }

    static func validatedSignInURL(_ text: String) throws -> String {
        do { return try TestSession.validatedSignInURL(text) } catch let refusal as AdmitError { throw refusal.about(.signInURL) }
    }
}
