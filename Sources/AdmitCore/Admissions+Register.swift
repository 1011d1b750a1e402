import AdmitCrypto
import Foundation

extension Admissions {
    /// A candidate's first login: checks the generic login again, validates the details and the new password,
    /// gives the entry a personal username, stores the new password's hash, destroys the sealed generic
    /// password and marks the entry converted — all or nothing. Of racing registrations of one entry, one wins.
    /// A named entry's first login (its temporary password) takes only the new password: its details are known.
    @discardableResult
    public func register(institution: String, username: String, password: String, details: CandidateDetails?,
                         newPassword: String) throws -> RegistrationOutcome {
        let now = clock()
        let entry: Entry, session: TestSession
        switch try findLogin(institution: institution, username: username) {
        case .generic(let found, let foundSession):
            (entry, session) = (found, foundSession)
        case .personal(let found, let foundSession) where found.kind == .named && found.storedState != .converted:
            return try choosePassword(found, session: foundSession, password: password, newPassword: newPassword, at: now)
        default:
            // Any other name gets the answer a wrong password gets.
            throw SignInRefusal.invalid
        }
        try authenticateGeneric(entry, password: password, at: now)
        guard let typed = details else { throw AdmitError(.invalidInput, "give your given name and family name to register") }
        let details = try typed.validated(requiring: session.requiredDetails, today: now)
        let base = session.usernameTemplate.base(for: details)
        try PasswordPolicy().check(newPassword, genericPassword: password, usernames: [entry.username, base], details: details)

        // The slow part runs outside the write transaction, so registrations hash in parallel.
        let hash = try hasher.hash(newPassword, random: random)
        let verifier = try verifier(of: Array(CredentialPolicy.normalized(password).utf8), entry: entry.id)

        return try store.write { store in
            let personal = try freePersonalUsername(base, institution: session.institutionCode, store: store)
            let registration = Registration(personalUsername: personal, passwordHash: hash, genericVerifier: verifier, details: details, at: now)
            guard try store.register(entry: entry.id, registration) else { throw SignInRefusal.alreadyRegistered }
            try store.append(audit(.registered, session: session.id, at: now, .init(entries: [entry.id], name: personal)))
            return RegistrationOutcome(personalUsername: personal, session: session)
        }
    }

    /// A named entry's first login: the temporary password becomes the candidate's own; the username stays.
    private func choosePassword(_ entry: Entry, session: TestSession, password: String, newPassword: String, at now: Date) throws -> RegistrationOutcome {
        try authenticateGeneric(entry, password: password, at: now)
        let details = entry.details ?? CandidateDetails(givenName: "", familyName: "")
        try PasswordPolicy().check(newPassword, genericPassword: password, usernames: [entry.username], details: details)
        let hash = try hasher.hash(newPassword, random: random)
        let verifier = try verifier(of: Array(CredentialPolicy.normalized(password).utf8), entry: entry.id)
        return try store.write { store in
            let registration = Registration(personalUsername: entry.username, passwordHash: hash, genericVerifier: verifier, details: details, at: now)
            guard try store.register(entry: entry.id, registration) else { throw SignInRefusal.alreadyRegistered }
            try store.append(audit(.registered, session: session.id, at: now, .init(entries: [entry.id], name: entry.username, reason: "password chosen")))
            return RegistrationOutcome(personalUsername: entry.username, session: session)
        }
    }
}
