/// A set of entry numbers written as ranges (`1-250,252-500`): how the audit trail names the entries of a
/// batch or an export. Numbers are unique within a session, so with the event's session this is exact, and
/// it stays small however many entries there are.
public struct EntryNumbers: CustomStringConvertible, Sendable {
    private var ranges: [ClosedRange<Int>] = []
    public private(set) var count = 0

    public init() {}

    public init(_ numbers: some Sequence<Int>) {
        for number in numbers.sorted() { append(number) }
    }

    /// Adds a number; numbers come in increasing order (as the store streams entries).
    public mutating func append(_ number: Int) {
        count += 1
        if let last = ranges.last, last.upperBound + 1 == number {
            ranges[ranges.count - 1] = last.lowerBound...number
        } else {
            ranges.append(number...number)
        }
    }

    public var description: String {
        ranges.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",")
    }
}
