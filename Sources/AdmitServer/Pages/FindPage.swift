/// "Find a candidate": the question and, once asked, the entries found in the sessions the member may see.
struct FindPage: PageContent {
    static let title = "Find a candidate"
    var template: String { "staff-find" }
    var q: String
    var timeZone: String
    var asked = false
    var none = false
    /// "2 candidates".
    var count = ""
    var found: [Found] = []

    struct Found {
        var sessionID: String
        var sessionName: String
        var institution: String
        var entry: EntryRow
    }
}
