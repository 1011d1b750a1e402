import Foundation

/// Failed sign-ins in a row lock an entry: after 5, for 1 minute, then 2, 4, 8 and at most 15 minutes per
/// further failure. A success resets the count.
public enum Lockout {
    public static let threshold = 5
    public static let longest: TimeInterval = 15 * 60

    /// How long the entry is locked after its `failures`th failure in a row; nil below the threshold.
    public static func wait(afterFailures failures: Int) -> TimeInterval? {
        guard failures >= threshold else { return nil }
        let doublings = min(failures - threshold, 4)
        return min(60 * Double(1 << doublings), longest)
    }
}
