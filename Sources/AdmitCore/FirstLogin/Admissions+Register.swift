import AdmitCrypto
import Foundation

extension Admissions {
    /// A candidate's first login: checks the generic login again, validates the details and the new password,
    /// gives the entry a personal username, stores the new password's hash, destroys the sealed generic
    /// password and marks the entry converted — all or nothing. Of racing registrations of one entry, one wins.
    /// A named entry's first login (its temporary password) takes only the new password: its details are known.
    /// The same registration sent again (its answer was lost) gets the same answer.
    @discardableResult
    public func register(
        institution: String, username: String, password: String, details: CandidateDetails?,
        newPassword: String
    ) throws -> RegistrationOutcome {
        let now = clock()
        let entry: Entry
        let session: TestSession
        let generic: Bool
        switch try findLogin(institution: institution, username: username) {
        case .generic(let found, let foundSession):
            (entry, session, generic) = (found, foundSession, true)
        case .personal(let found, let foundSession) where found.choosesPasswordOnly && found.storedState != .converted:
            (entry, session, generic) = (found, foundSession, false)
        case .personal(let found, let foundSession) where found.choosesPasswordOnly && found.genericVerifier != nil:
            // A named (or reset) entry already converted: its temporary password still opens the "already registered" answer.
            (entry, session, generic) = (found, foundSession, false)
        default:
            // Any other name gets the answer a wrong password gets, after the same work.
            _ = checkPassword(password, against: nil)
            throw SignInRefusal.invalid
        }
        do {
            try refusingAfterOneCheck(password) { try authenticateGeneric(entry, password: password, at: now, asGenericLogin: generic) }
        } catch let refusal as AdmitError where refusal == SignInRefusal.alreadyRegistered {
            return try repeatedAnswer(entry.id, session: session, newPassword: newPassword, at: now)
        }
        let verifier = try verifier(of: Array(CredentialPolicy.normalized(password).utf8), entry: entry.id)
        return try complete(entry, session: session, genericVerifier: verifier, grant: nil, details: details, newPassword: newPassword, at: now)
    }

    /// A first login from a sign-in that holds a grant (`signInWithGrant`): as `register`, without the slip's
    /// password. A grant that a committed registration used gives that registration's answer again when the new
    /// password is the one it chose.
    @discardableResult
    public func register(grant token: String, details: CandidateDetails?, newPassword: String) throws -> RegistrationOutcome {
        let now = clock()
        let digest = try TokenDigest.hex(of: token)
        let found = try read { store -> (FirstLoginGrant, Entry, TestSession)? in
            guard let grant = try store.firstLoginGrant(digest: digest), let entry = try store.entries(ids: [grant.entryID]).first,
                let session = try store.session(id: entry.sessionID)
            else { return nil }
            return (grant, entry, session)
        }
        guard let (grant, entry, session) = found, grant.expiresAt > now else { throw SignInRefusal.timedOut }
        if grant.usedAt != nil { return try repeatedAnswer(entry.id, session: session, newPassword: newPassword, at: now) }
        switch entry.state(at: now) {
        case .issued: break
        case .expired: throw SignInRefusal.expired
        case .converted: return try repeatedAnswer(entry.id, session: session, newPassword: newPassword, at: now)
        case .withdrawn: throw SignInRefusal.invalid
        }
        return try complete(
            entry, session: session, genericVerifier: grant.genericVerifier, grant: digest, details: details,
            newPassword: newPassword, at: now)
    }

    /// Validates and stores a first login whose slip password was checked: the details and a personal username
    /// for a generic login, the chosen password for both kinds.
    private func complete(
        _ entry: Entry, session: TestSession, genericVerifier: [UInt8], grant: String?, details typed: CandidateDetails?,
        newPassword: String, at now: Date
    ) throws -> RegistrationOutcome {
        // A named or reset entry keeps its personal username and details: only the password is chosen.
        let named = entry.choosesPasswordOnly
        let details: CandidateDetails
        let base: String?
        if named {
            details = entry.details ?? CandidateDetails(givenName: "", familyName: "")
            base = nil
        } else {
            guard let typed else { throw AdmitError(.invalidInput, .namesNeeded) }

            details = try typed.validated(requiring: session.requiredDetails, today: now)
            base = session.usernameTemplate.base(for: details)
        }
        try PasswordPolicy().check(
            newPassword, genericPassword: "", usernames: [entry.username] + [entry.personalUsername, base].compactMap { $0 },
            details: details)
        // The slip's password is known here only by its verifier: the new one must not verify the same.
        if constantTimeEquals(try verifier(of: Array(CredentialPolicy.normalized(newPassword).utf8), entry: entry.id), genericVerifier) {
            throw PasswordPolicy.sameAsSlip
        }

        // The slow part runs outside the write transaction, so registrations hash in parallel.
        let hash = try hasher.hash(newPassword, random: random)
        do {
            return try write(retryingOn: [.personalUsername]) { store in
                if let grant, try !store.useFirstLoginGrant(digest: grant, at: now) { throw SignInRefusal.alreadyRegistered }
                let personal =
                    try base.map { try freePersonalUsername($0, institution: session.institutionCode, store: store) } ?? entry.loginUsername
                let registration = Registration(
                    personalUsername: personal, passwordHash: hash, genericVerifier: genericVerifier, details: details, at: now)
                guard try store.register(entry: entry.id, registration) else { throw SignInRefusal.alreadyRegistered }
                try store.append(
                    audit(
                        .registered, session: session.id, at: now,
                        .init(entries: [entry.id], name: personal, reason: named ? "password chosen" : nil)))
                return RegistrationOutcome(personalUsername: personal, session: session)
            }
        } catch let refusal as AdmitError where refusal == SignInRefusal.alreadyRegistered {
            // Another request registered it first: the same candidate sending twice gets that answer.
            return try repeatedAnswer(entry.id, session: session, newPassword: newPassword, at: now)
        }
    }

    /// The answer a registration that committed gave, for the candidate who sends it again (the first answer was
    /// lost): only when the new password is the one it stored; otherwise "already registered".
    private func repeatedAnswer(_ entryID: UUID, session: TestSession, newPassword: String, at now: Date) throws -> RegistrationOutcome {
        guard let entry = try read({ try $0.entries(ids: [entryID]).first }), entry.storedState == .converted,
            let personal = entry.personalUsername, let hash = entry.passwordHash, PasswordHasher.verify(newPassword, against: hash)
        else {
            throw SignInRefusal.alreadyRegistered
        }
        try write { store in
            try store.append(
                audit(.registered, session: session.id, at: now, .init(entries: [entry.id], name: personal, reason: "answer given again")))
        }
        return RegistrationOutcome(personalUsername: personal, session: session)
    }
}
