import AdmitCore

/// The staff pages' own fields a refusal can be shown beside.
extension AdmitField {
    static let roster = AdmitField(rawValue: "roster")
    static let pasted = AdmitField(rawValue: "pasted")
    static let encoding = AdmitField(rawValue: "encoding")
    static let file = AdmitField(rawValue: "file")
    static let count = AdmitField(rawValue: "count")
    static let role = AdmitField(rawValue: "role")
    static let usernameTemplate = AdmitField(rawValue: "usernameTemplate")
    static let query = AdmitField(rawValue: "q")
    static let startsOn = AdmitField(rawValue: "startsOn")
    static let endsOn = AdmitField(rawValue: "endsOn")
}
