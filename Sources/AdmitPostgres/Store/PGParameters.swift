/// A statement's parameters, numbered as they are added, for SQL put together from parts:
///
///     var parameters = PGParameters()
///     let clause = "session_id = \(parameters.add(.uuid(id)))"   // "session_id = $1"
struct PGParameters {
    private(set) var values: [PGValue] = []

    /// Adds a value and returns its placeholder.
    mutating func add(_ value: PGValue) -> String {
        values.append(value)
        return "$\(values.count)"
    }
}
