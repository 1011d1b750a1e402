import Foundation

/// The text of a number cell as a spreadsheet would show it to a person: integers without ".0", other numbers to
/// Excel's 15 significant digits, and numbers styled as dates as ISO dates ("2008-05-31", with " 14:30" or
/// " 14:30:15" only when there is a time of day).
enum XLSXCellValue {
    static func number(_ value: String, isDate: Bool, uses1904Dates: Bool) -> String {
        guard let number = Double(value), number.isFinite else { return value }
        if isDate, let date = date(serial: number, uses1904Dates: uses1904Dates) { return date }
        // Whole numbers that Int64 holds print in full (IDs, phone numbers); 2^63 is the first that does not.
        if number == number.rounded(), abs(number) < 0x1p63 { return String(Int64(number)) }
        return String(format: "%.15g", number)
    }

    /// Excel counts days from 1899-12-31 as day 1, and day 60 is its 29 February 1900 (which never was, kept
    /// from Lotus 1-2-3); from day 61 on it is days since 1899-12-30. The 1904 system counts from 1904-01-01.
    /// Out of Excel's range (before day 0, after 9999-12-31) the number is left as a number.
    static func date(serial: Double, uses1904Dates: Bool) -> String? {
        guard serial >= 0, serial < 2_958_466 else { return nil }
        let seconds = (serial * 86_400).rounded()
        var days = (seconds / 86_400).rounded(.down)
        let secondOfDay = Int(seconds - days * 86_400)
        let time =
            secondOfDay % 60 == 0
            ? String(format: "%02d:%02d", secondOfDay / 3600, secondOfDay / 60 % 60)
            : String(format: "%02d:%02d:%02d", secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
        // A time of day with no date (a time-only format) is just the time.
        if days == 0, secondOfDay != 0 { return time }
        if uses1904Dates { days += 1462 } else if days < 61 { days += 1 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let components = calendar.dateComponents(
            [.year, .month, .day], from: Date(timeIntervalSince1970: (days - 25_569) * 86_400))
        guard let year = components.year, let month = components.month, let day = components.day else { return nil }
        let date = String(format: "%04d-%02d-%02d", year, month, day)
        return secondOfDay == 0 ? date : "\(date) \(time)"
    }
}
