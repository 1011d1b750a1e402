import AdmitCore
import Foundation

/// What the server remembers about one signed-in browser, in the store (any server answers any browser)
/// under the digest of a random `HttpOnly` cookie.
public struct WebSession: Codable, Sendable {
    /// Every form post must carry this token.
    var csrf: String
    /// The signed-in staff member.
    var staffID: UUID?
    /// The member's `signInStamp` at sign-in: a new password signs out every browser signed in with the old one.
    var staffStamp: String?
    /// A candidate between a first sign-in and registration, holding the token of a first-login grant (never
    /// the slip's password) for at most `FirstLogin.lifetime`.
    var firstLogin: FirstLogin?
    /// What the confirmation page or the signed-in page shows.
    var candidate: CandidatePage?
    /// One line the next staff page shows ("Added 20 entries.").
    var flash: String?
    /// The import's mapping step's choices, by test session id: roster column → the file's heading.
    var importChoices: [String: [String: String]]?

    struct FirstLogin: Codable, Sendable {
        var institution: String
        var username: String
        /// The first-login grant's token; the store keeps only its digest.
        var grant: String
        /// A named login chooses a password only.
        var named: Bool
        var sessionName: String
        var requiredDetails: [String]
        var startedAt: Date

        static let lifetime = FirstLoginGrant.lifetime
        /// The session holding it is dropped from the store then too, registered or not.
        static let storedLifetime = Duration.seconds(FirstLoginGrant.lifetime)

        func isCurrent(at now: Date) -> Bool { now.timeIntervalSince(startedAt) < Self.lifetime }
    }

    struct CandidatePage: Codable, Sendable {
        var personalUsername: String
        var sessionName: String
        var at: Date
        /// True right after registration (the "write this down" page).
        var justRegistered: Bool
    }
}
