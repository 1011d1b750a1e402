import Foundation

extension Admissions {
    /// `base`, else `base2`, `base3` … : the first that no entry of the institution has and `reserved` does not hold.
    func freePersonalUsername(_ base: String, institution: String, reserved: Set<String> = [], store: any StoreReader) throws -> String {
        let prefix = String(base.prefix(UsernameTemplate.maximumLength - 6))
        let taken = try store.personalUsernames(institution: institution, startingWith: prefix)
        var n = 1
        while true {
            let candidate = UsernameTemplate.candidate(base, n)
            if !taken.contains(candidate), !reserved.contains(candidate), try !Self.readsAsGeneric(candidate, institution: institution, store: store)
            {
                return candidate
            }
            n += 1
        }
    }

    /// Whether an entry of the institution signs in with `username` already, as a personal or a generic login.
    static func isTaken(_ username: String, institution: String, store: any StoreReader) throws -> Bool {
        try store.entry(institution: institution, personalUsername: username) != nil
            || readsAsGeneric(username, institution: institution, store: store)
    }

    /// Sign-in tries generic usernames first: a personal one must not read as one of the institution's.
    private static func readsAsGeneric(_ username: String, institution: String, store: any StoreReader) throws -> Bool {
        try store.entry(institution: institution, genericUsername: CredentialPolicy.normalized(username)) != nil
    }
}
