/// A number with the word that goes with it: "1 entry", "2 entries", "0 rows".
public func counted(_ count: Int, _ one: String, _ many: String) -> String {
    "\(count) \(count == 1 ? one : many)"
}
