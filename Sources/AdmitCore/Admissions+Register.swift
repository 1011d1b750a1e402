import AdmitCrypto
import Foundation

extension Admissions {
    /// A candidate's first login: checks the generic login again, validates the details and the new password,
    /// gives the entry a personal username, stores the new password's hash, destroys the sealed generic
    /// password and marks the entry converted — all or nothing. Of racing registrations of one entry, one wins.
    @discardableResult
    public func register(institution: String, username: String, password: String, details: CandidateDetails,
                         newPassword: String) throws -> RegistrationOutcome {
        let now = clock()
        // Only a generic login registers; any other name gets the answer a wrong password gets.
        guard case .generic(let entry, let session) = try findLogin(institution: institution, username: username) else {
            throw SignInRefusal.invalid
        }
        try authenticateGeneric(entry, password: password, at: now)
        let details = try details.validated(requiring: session.requiredDetails, today: now)
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

    /// `base`, else `base2`, `base3` … : the first that no entry of the institution has.
    private func freePersonalUsername(_ base: String, institution: String, store: any StoreReader) throws -> String {
        let prefix = String(base.prefix(UsernameTemplate.maximumLength - 6))
        let taken = try store.personalUsernames(institution: institution, startingWith: prefix)
        var n = 1
        while true {
            let candidate = UsernameTemplate.candidate(base, n)
            // Sign-in tries generic usernames first: a personal one must not read as one of the institution's.
            if !taken.contains(candidate), try store.entry(institution: institution, genericUsername: candidate.uppercased()) == nil {
                return candidate
            }
            n += 1
        }
    }
}
