/// The login report: counts per state and a row per entry, refreshing itself, filtered by `?only=`.
struct ReportPage: PageContent {
    var template: String { "staff-report" }
    var session: SessionRow
    var counts: [StateCount]
    var entries: [EntryRow]
    var none: Bool
    var generatedAt: String
    var timeZone: String
    var refreshSeconds: Int
    var refreshLink: String
    var filters: [FilterLink]
    /// "locked" or "not signed in yet"; empty for everyone.
    var filterName: String
    var xlsx: String
    var csv: String

    struct StateCount {
        var state: String
        var count: Int
    }

    /// One of "Everyone", "Not signed in yet", "Locked".
    struct FilterLink {
        var label: String
        var href: String
        var current: Bool
    }
}
