/// What a refusal is about: a detail, a password, a setting. Its raw value is the name the API and the pages use
/// for it. Core declares the things it refers to; a caller adds its own (a page's upload box) where it declares them.
public struct AdmitField: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static let givenName = AdmitField(rawValue: "givenName")
    public static let familyName = AdmitField(rawValue: "familyName")
    public static let birthDate = AdmitField(rawValue: "birthDate")
    public static let email = AdmitField(rawValue: "email")
    public static let candidateNumber = AdmitField(rawValue: "candidateNumber")
    public static let newPassword = AdmitField(rawValue: "newPassword")
    public static let confirmPassword = AdmitField(rawValue: "confirmPassword")
    public static let password = AdmitField(rawValue: "password")
    public static let defaultPassword = AdmitField(rawValue: "defaultPassword")
    public static let sessionName = AdmitField(rawValue: "name")
    public static let ends = AdmitField(rawValue: "ends")
    public static let force = AdmitField(rawValue: "force")
    public static let signInURL = AdmitField(rawValue: "signInURL")
}
