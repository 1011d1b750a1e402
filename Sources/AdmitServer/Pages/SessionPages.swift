import AdmitCore
import Foundation

/// "Sessions": the sessions the member may see, searched by name.
struct SessionsPage: PageContent {
    var template: String { "staff-sessions" }
    var q: String
    var mayCreate: Bool
    var sessions: [SessionRow]
    var none: Bool
}

/// A session: its facts, a page of its entries to select, and what the member may do with them.
struct SessionPage: PageContent {
    var template: String { "staff-session" }
    var session: SessionRow
    var mayManage: Bool
    var mayDownload: Bool
    var entries: [EntryRow]
    var count: Int
    var none: Bool
    var maxBatch: Int
    var selectAllLink: String
    var files: [FileOption]
    /// A batch just added, offered for download at once.
    var newBatch: NewBatch?
    /// Only when there is more than one page.
    var paging: Paging?

    struct NewBatch {
        var id: String
        var count: Int
        var noun: String
    }

    struct Paging {
        var page: Int
        var pages: Int
        var previous: String
        var next: String
        var hasPrevious: Bool
        var hasNext: Bool
    }
}

/// "New session": the institutions the member may choose, and the session form.
struct NewSessionPage: PageContent {
    var template: String { "staff-session-new" }
    var form: SessionFormValues
    var timeZone: String
    var institutions: [InstitutionOption]
}

/// "Edit the session": the session form filled in with its settings.
struct EditSessionPage: PageContent {
    var template: String { "staff-session-edit" }
    var session: SessionRow
    var form: SessionFormValues
    var editing = true
    var timeZone: String
}

/// The session form's values for the `session-fields` partial.
struct SessionFormValues {
    var name: String
    var startsOn: String
    var startsTime: String
    var endsOn: String
    var endsTime: String
    var signInURL: String
    var usernameTemplate: String
    var standardTemplate = UsernameTemplate.standard.description
    var requireBirthDate: Bool
    var requireEmail: Bool
    var requireCandidate: Bool

    init(_ form: SessionForm) {
        name = form.name ?? ""
        startsOn = form.startsOn ?? ""
        startsTime = form.startsTime ?? ""
        endsOn = form.endsOn ?? ""
        endsTime = form.endsTime ?? ""
        signInURL = form.signInURL ?? ""
        usernameTemplate = form.usernameTemplate ?? ""
        requireBirthDate = form.requireBirthDate != nil
        requireEmail = form.requireEmail != nil
        requireCandidate = form.requireCandidate != nil
    }
}

/// "Withdraw entries?" and "Reset passwords?": the chosen entries, to confirm.
struct SelectionConfirmPage: PageContent {
    var template: String { withdrawing ? "staff-withdraw" : "staff-reset" }
    var withdrawing: Bool
    var session: SessionRow
    var entries: [EntryRow]
    var count: Int
    var noun: String
    /// The reset's download list.
    var files: [FileOption]
    /// Whether a reset keeps someone's personal username.
    var registered: Bool
}
