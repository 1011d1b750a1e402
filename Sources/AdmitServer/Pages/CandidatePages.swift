/// The candidate's sign-in with the slip: institution ID and username stay as typed (or as the slip's link
/// fills them in); never the password.
struct SignInPage: PageContent {
    var template: String { "signin" }
    var institution = ""
    var username = ""
    /// The slip's link filled in the rest: the candidate types only the password.
    var focusPassword = false
}

/// The first login's details and new password (`named`: only the password, for a roster's entry).
struct RegisterPage: PageContent {
    var template: String { "register" }
    var named: Bool
    var username: String
    var sessionName: String
    var givenName: String
    var familyName: String
    var askBirthDate: Bool
    var birthDate: String
    var askEmail: Bool
    var email: String
    var askCandidateNumber: Bool
    var candidateNumber: String
}

/// The personal username, once, to write down.
struct DonePage: PageContent {
    var template: String { "done" }
    var personalUsername: UsernameDisplay
    var sessionName: String
}

/// Signed in with the personal username.
struct WelcomePage: PageContent {
    var template: String { "welcome" }
    var personalUsername: UsernameDisplay
    var sessionName: String
    /// The sign-in's time of day, in the candidate's language.
    var at: String
    var atISO: String
}

/// A full credential queue: the form again after the wait.
struct BusyPage: PageContent {
    var template: String { "busy" }
    var back: String
}

/// An error page's sentence; its title is the frame's.
struct ErrorPage: PageContent {
    var template: String { "error" }
    var message: String
}
