/// The staff sign-in; the username stays as typed.
struct StaffSignInPage: PageContent {
    static let title = "Staff sign-in"
    var template: String { "staff-signin" }
    var username = ""
}
