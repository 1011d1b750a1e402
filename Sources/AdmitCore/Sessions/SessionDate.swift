import Foundation

/// Dates typed for a session's start and end: `2026-12-01` (a whole day, in the local time zone) or an
/// ISO 8601 time such as `2026-12-01T09:00` or `2026-12-01T09:00:00Z`.
public enum SessionDate {
    public enum Edge: Sendable { case start, end }

    public static func parse(_ text: String, as edge: Edge, timeZone: TimeZone = .current) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        if let day = day(trimmed, calendar: calendar) {
            // A date alone means the whole day: a session ending on the 1st is open until its last second.
            return edge == .start ? day : calendar.date(byAdding: .day, value: 1, to: day)!.addingTimeInterval(-1)
        }
        for format in ["yyyy-MM-dd'T'HH:mmXXXXX", "yyyy-MM-dd'T'HH:mm:ssXXXXX", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = format
            formatter.isLenient = false
            if let date = formatter.date(from: trimmed) { return date }
        }
        throw AdmitError(.invalidInput, .notADate(text))

    }

    private static func day(_ text: String, calendar: Calendar) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let dayOfMonth = Int(parts[2])
        else { return nil }
        let components = DateComponents(year: year, month: month, day: dayOfMonth)
        guard let date = calendar.date(from: components),
            calendar.dateComponents([.year, .month, .day], from: date) == components
        else { return nil }
        return date
    }
}
