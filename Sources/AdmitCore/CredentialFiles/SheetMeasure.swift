/// The longest values a credential sheet will print, measured before it is laid out: a layout sizes its
/// columns and type from these, so no credential is ever clipped.
public struct SheetMeasure: Equatable, Sendable {
    /// The largest entry number, whose digits the `#` column holds.
    public var largestNumber = 0
    /// In characters, as printed: the username, the password as the roster prints it, as a slip prints it
    /// (a generated code grouped), the candidate label, the institution ID.
    public var username = 0
    public var password = 0
    public var slipPassword = 0
    public var candidate = 0
    public var institutionCode = 0

    public init() {}

    public mutating func include(_ row: CredentialRow) {
        largestNumber = max(largestNumber, row.number)
        username = max(username, row.username.count)
        if let password = row.password {
            self.password = max(self.password, password.count)
            slipPassword = max(slipPassword, CredentialPolicy.printed(password).count)
        }
        candidate = max(candidate, row.candidate?.count ?? 0)
        institutionCode = max(institutionCode, row.institutionCode.count)
    }

    public static func of(_ rows: some Sequence<CredentialRow>) -> SheetMeasure {
        var measure = SheetMeasure()
        for row in rows { measure.include(row) }
        return measure
    }
}
