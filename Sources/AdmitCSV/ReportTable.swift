import AdmitCore
import Foundation

/// The login report's columns and an entry's cells as text, shared by the report's CSV and its workbook.
public enum ReportTable {
    public static let columns = [
        "#", "Username", "State", "Personal username", "Candidate", "Group", "Registered", "Last sign-in",
        "Failures", "Locked until", "Expires", "Withdrawn", "Entry GUID", "Batch",
    ]

    /// An entry's cells as text, in `columns` order; blank where there is nothing to show.
    public static func cells(_ entry: EntrySummary, _ time: Times) -> [String] {
        [
            String(entry.number), entry.username, entry.state.rawValue, entry.personalUsername ?? "", entry.candidate ?? "", entry.group ?? "",
            entry.registeredAt.map(time.text) ?? "", entry.lastSignInAt.map(time.text) ?? "", String(entry.failedAttempts),
            entry.lockedUntil.map(time.text) ?? "", time.text(entry.expiresAt), entry.withdrawnAt.map(time.text) ?? "",
            entry.guid.lowercased, entry.batch.lowercased,
        ]
    }

    /// Times as the session's people read them: `2026-12-09 09:00`, in one named zone.
    public struct Times {
        public let zone: TimeZone
        private let formatter: DateFormatter

        public init(zone: TimeZone) {
            self.zone = zone
            formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = zone
            formatter.dateFormat = "yyyy-MM-dd HH:mm"
        }

        public func text(_ date: Date) -> String { formatter.string(from: date) }

        /// `Europe/London (GMT)`, or `UTC`.
        public var zoneName: String {
            let abbreviation = zone.abbreviation() ?? ""
            return abbreviation.isEmpty || abbreviation == zone.identifier ? zone.identifier : "\(zone.identifier) (\(abbreviation))"
        }
    }
}
