import AdmitCrypto
import Foundation

extension Admissions {
    /// Signs in with a generic login (answering that registration is required) or a personal one.
    public func signIn(institution: String, username: String, password: String) throws -> SignInOutcome {
        try signIn(institution: institution, username: username, password: password, granting: false).outcome
    }

    /// Signs in as `signIn` does; a first login also gets the token of a first-login grant, which
    /// `register(grant:…)` takes instead of the slip's password (so nothing between the two steps holds it).
    public func signInWithGrant(institution: String, username: String, password: String) throws -> (outcome: SignInOutcome, grant: String?) {
        try signIn(institution: institution, username: username, password: password, granting: true)
    }

    private func signIn(institution: String, username: String, password: String, granting: Bool) throws -> (outcome: SignInOutcome, grant: String?) {
        let now = clock()
        switch try findLogin(institution: institution, username: username) {
        case .generic(let entry, let session):
            try refusingAfterOneCheck(password) { try authenticateGeneric(entry, password: password, at: now, asGenericLogin: true) }
            let grant = granting ? try newGrant(for: entry, typed: password, at: now) : nil
            try write { store in
                try store.recordSuccessfulSignIn(entry: entry.id, at: nil, passwordHash: nil)
                if let grant { try store.insert(grant.record) }
                try store.append(audit(.signedIn, session: session.id, at: now, .init(entries: [entry.id], reason: "generic login")))
            }
            return (.registrationRequired(session: session), grant?.token)
        case .personal(let entry, let session) where entry.choosesPasswordOnly && entry.storedState != .converted:
            try refusingAfterOneCheck(password) { try authenticateGeneric(entry, password: password, at: now) }
            let grant = granting ? try newGrant(for: entry, typed: password, at: now) : nil
            try write { store in
                try store.recordSuccessfulSignIn(entry: entry.id, at: nil, passwordHash: nil)
                if let grant { try store.insert(grant.record) }
                try store.append(audit(.signedIn, session: session.id, at: now, .init(entries: [entry.id], reason: "temporary password")))
            }
            return (.passwordChangeRequired(username: entry.loginUsername, session: session), grant?.token)
        case .personal(let entry, let session):
            // Verified before the lock is looked at, so a locked or withdrawn login costs what a wrong password does.
            let matches = checkPassword(password, against: entry.storedState == .converted ? entry.passwordHash : nil)
            try refuseIfLocked(entry, at: now)
            guard matches, let hash = entry.passwordHash else {
                try recordFailure(entry, at: now)
                throw SignInRefusal.invalid
            }
            let upgraded = hasher.isStronger(than: hash) ? try hasher.hash(password, random: random) : nil
            try write { store in
                try store.recordSuccessfulSignIn(entry: entry.id, at: now, passwordHash: upgraded)
                try store.append(
                    audit(
                        .signedIn, session: session.id, at: now,
                        .init(entries: [entry.id], reason: upgraded == nil ? "personal login" : "personal login; hash upgraded")))
            }
            return (.signedIn(username: entry.personalUsername ?? username, session: session), nil)
        case .unknown:
            _ = checkPassword(password, against: nil)
            throw SignInRefusal.invalid
        }
    }

    /// A grant for the entry a first sign-in let in: a random token for the browser, its digest for the store.
    private func newGrant(for entry: Entry, typed password: String, at now: Date) throws -> (token: String, record: FirstLoginGrant) {
        let token = Self.base64URL(try random.bytes(32))
        let verifier = try verifier(of: Array(CredentialPolicy.normalized(password).utf8), entry: entry.id)
        let record = FirstLoginGrant(
            digest: try TokenDigest.hex(of: token), entryID: entry.id, genericVerifier: verifier,
            createdAt: now, expiresAt: now.addingTimeInterval(FirstLoginGrant.lifetime))
        return (token, record)
    }

    enum Login {
        case generic(Entry, TestSession)
        case personal(Entry, TestSession)
        case unknown
    }

    /// The entry a typed institution ID and username name: a generic username (compared after normalising)
    /// or a personal one (compared in lower case).
    func findLogin(institution: String, username: String) throws -> Login {
        guard let code = try? Institution.normalizedCode(institution) else { return .unknown }
        return try read { store in
            let personal = username.trimmingCharacters(in: .whitespaces).lowercased()
            if let entry = try store.entry(institution: code, genericUsername: CredentialPolicy.normalized(username)),
                let session = try store.session(id: entry.sessionID)
            {
                return .generic(entry, session)
            }
            if let entry = try store.entry(institution: code, personalUsername: personal), let session = try store.session(id: entry.sessionID) {
                return .personal(entry, session)
            }
            return .unknown
        }
    }

    /// Checks a generic login's (or a temporary) password and state; throws the refusal its holder may be told.
    /// A generic login whose entry has a personal username was registered: even when a reset gave the entry a new
    /// temporary password (which goes with the personal username), the slip's login only hears "already registered".
    func authenticateGeneric(_ entry: Entry, password: String, at now: Date, asGenericLogin: Bool = false) throws {
        try refuseIfLocked(entry, at: now)
        let typed = Array(CredentialPolicy.normalized(password).utf8)
        let registered = entry.storedState == .converted || (asGenericLogin && entry.personalUsername != nil && entry.storedState != .withdrawn)
        let matches: Bool
        if registered {
            matches = try entry.genericVerifier.map { constantTimeEquals(try verifier(of: typed, entry: entry.id), $0) } ?? false
        } else if entry.storedState == .withdrawn {
            matches = false
        } else {
            // Generated codes are typed in any case, with or without dashes; a password from a roster file exactly.
            matches =
                try read { try openedPassword(of: entry, store: $0) }.map {
                    constantTimeEquals(Array($0.utf8), typed) || constantTimeEquals(Array($0.utf8), Array(password.utf8))
                } ?? false
        }
        guard matches else {
            try recordFailure(entry, at: now)
            throw SignInRefusal.invalid
        }
        if registered { throw SignInRefusal.alreadyRegistered }
        switch entry.state(at: now) {
        case .issued: return
        case .expired: throw SignInRefusal.expired
        case .converted: throw SignInRefusal.alreadyRegistered
        case .withdrawn: throw SignInRefusal.invalid
        }
    }

    private func refuseIfLocked(_ entry: Entry, at now: Date) throws {
        guard let until = entry.lockedUntil, until > now else { return }
        try write { store in
            try store.append(audit(.signInFailed, session: entry.sessionID, at: now, .init(entries: [entry.id], reason: "locked")))
        }
        throw SignInRefusal.invalid
    }

    /// Counts a failure in a row, locking the entry from the fifth on. The store counts, so concurrent
    /// failures on several servers all count.
    private func recordFailure(_ entry: Entry, at now: Date) throws {
        let locked = try write { store in
            let failures = try store.countFailedSignIn(entry: entry.id)
            let wait = Lockout.wait(afterFailures: failures)
            if let wait { try store.lock(entry: entry.id, until: now.addingTimeInterval(wait)) }
            try store.append(
                audit(.signInFailed, session: entry.sessionID, at: now, .init(count: failures, entries: [entry.id], reason: "wrong password")))
            if let wait {
                try store.append(
                    audit(
                        .lockedOut, session: entry.sessionID, at: now,
                        .init(count: failures, entries: [entry.id], reason: "locked for \(Int(wait / 60)) min")))
            }
            return wait != nil
        }
        if locked { SignInMetrics.lockedOut(.entry) }
    }

    func verifier(of normalizedPassword: [UInt8], entry: UUID) throws -> [UInt8] {
        try read { try keys.sealer(readingFrom: $0) }.verifier(of: normalizedPassword, associatedData: Self.associatedData(entry))
    }
}
