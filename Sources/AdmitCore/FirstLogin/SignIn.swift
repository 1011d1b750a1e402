import Foundation

/// The answer to a sign-in that is let in. Refusals are thrown as `AdmitError` of kind `.refused`.
public enum SignInOutcome: Equatable, Sendable {
    /// A valid generic login: the candidate now gives details and a new password (`register`).
    case registrationRequired(session: TestSession)
    /// A named entry's temporary password: the candidate now chooses a password of their own (`register`, no details).
    case passwordChangeRequired(username: String, session: TestSession)
    /// A personal login.
    case signedIn(username: String, session: TestSession)
}

/// What `register` gives the candidate.
public struct RegistrationOutcome: Equatable, Sendable {
    public var personalUsername: String
    public var session: TestSession
}

public enum SignInRefusal {
    /// Wrong password, unknown username, withdrawn or locked entry: one answer for all.
    public static let invalid = AdmitError(.refused, .signInInvalid)
    /// Told only to a caller who gave the right generic password.
    public static let alreadyRegistered = AdmitError(.refused, .alreadyRegistered)
    public static let expired = AdmitError(.refused, .loginExpired)
    /// The time between signing in and registering ran out (or the grant was never made): sign in again.
    public static let timedOut = AdmitError(.refused, .signInTimedOut)

}
