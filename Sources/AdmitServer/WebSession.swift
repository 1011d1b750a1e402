import AdmitCore
import Foundation

/// What the server remembers about one signed-in browser, in memory only, behind a random `HttpOnly` cookie.
public struct WebSession: Codable, Sendable {
    /// Every form post must carry this token.
    var csrf: String
    /// The signed-in staff member.
    var staffID: UUID?
    /// A candidate between a first sign-in and registration. Holds the slip's password until registration
    /// (which needs it again) for at most `FirstLogin.lifetime`; never written to disk or logs.
    var firstLogin: FirstLogin?
    /// What the confirmation page or the signed-in page shows.
    var candidate: CandidatePage?
    /// One line the next staff page shows ("Added 20 entries.").
    var flash: String?

    struct FirstLogin: Codable, Sendable {
        var institution: String
        var username: String
        var password: String
        /// A named login chooses a password only.
        var named: Bool
        var sessionName: String
        var requiredDetails: [String]
        var startedAt: Date

        static let lifetime: TimeInterval = 15 * 60
        /// The session holding it is dropped from the store then too, registered or not.
        static let storedLifetime = Duration.seconds(15 * 60)

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
