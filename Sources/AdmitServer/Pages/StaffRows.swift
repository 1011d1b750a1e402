import AdmitCore
import Foundation

/// A session as the staff pages show it; times as days.
struct SessionRow {
    var id: String
    var name: String
    var institution: String
    var startsAt: String?
    var endsAt: String?
    var created: String

    init(_ session: TestSession) {
        id = session.id.lowercased
        name = session.name
        institution = session.institutionCode
        startsAt = session.startsAt.map(StaffRoutes.day)
        endsAt = session.endsAt.map(StaffRoutes.day)
        created = StaffRoutes.day(session.createdAt)
    }
}

/// An entry as the session page, the report, the confirmation pages and "Find" list it.
struct EntryRow {
    var guid: String
    var number: Int
    var username: String
    var state: String
    var personalUsername: String?
    var candidate: String?
    var group: String?
    var registeredAt: String?
    var lastSignInAt: String?
    var failedAttempts: Int
    var lockedUntil: String?
    /// Ticked in the session page's table.
    var checked: Bool

    init(_ entry: EntrySummary, checked: Bool = false) {
        guid = entry.guid.lowercased
        number = entry.number
        username = entry.username
        state = entry.state.rawValue
        personalUsername = entry.personalUsername
        candidate = entry.candidate
        group = entry.group
        registeredAt = entry.registeredAt.map(StaffRoutes.time)
        lastSignInAt = entry.lastSignInAt.map(StaffRoutes.time)
        failedAttempts = entry.failedAttempts
        lockedUntil = entry.lockedUntil.map(StaffRoutes.time)
        self.checked = checked
    }
}

/// One of `Download.files` in a page's "File" list.
struct FileOption {
    var value: String
    var label: String
    var selected: Bool

    static func list(selecting chosen: String?) -> [FileOption] {
        Download.files.map { FileOption(value: $0.value, label: $0.label, selected: $0.value == chosen) }
    }
}

/// An institution in a drop-down.
struct InstitutionOption {
    var code: String
    var name: String
    var selected: Bool

    static func list(_ institutions: [Institution], selecting chosen: String?) -> [InstitutionOption] {
        institutions.map { InstitutionOption(code: $0.code, name: $0.name, selected: $0.code == chosen) }
    }
}
