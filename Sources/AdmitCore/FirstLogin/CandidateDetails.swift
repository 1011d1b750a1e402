import Foundation

/// What a candidate tells Admit at first login.
public struct CandidateDetails: Codable, Equatable, Sendable {
    public var givenName: String
    public var familyName: String
    /// `YYYY-MM-DD`.
    public var birthDate: String?
    public var email: String?
    public var candidateNumber: String?

    public init(givenName: String, familyName: String, birthDate: String? = nil, email: String? = nil, candidateNumber: String? = nil) {
        self.givenName = givenName
        self.familyName = familyName
        self.birthDate = birthDate
        self.email = email
        self.candidateNumber = candidateNumber
    }

    /// "María García · 10442": who an entry is for, as slips, rosters, lists and reports print it.
    public var label: String {
        let name = "\(givenName) \(familyName)"
        return candidateNumber.map { "\(name) · \($0)" } ?? name
    }

    enum CodingKeys: String, CodingKey {
        case email
        case givenName = "given_name"
        case familyName = "family_name"
        case birthDate = "birth_date"
        case candidateNumber = "candidate_number"
    }

    /// The details trimmed and checked; blank optional fields become nil. Throws the first problem found.
    public func validated(requiring required: Set<DetailField>, today: Date) throws -> CandidateDetails {
        var details = CandidateDetails(
            givenName: try Self.name(givenName, .givenName),
            familyName: try Self.name(familyName, .familyName))
        details.birthDate = try Self.blankToNil(birthDate).map { try Self.birthDate($0, today: today) }
        details.email = try Self.blankToNil(email).map(Self.email)
        details.candidateNumber = try Self.blankToNil(candidateNumber).map(Self.candidateNumber)
        for field in DetailField.allCases.filter(required.contains) where details[field] == nil {
            throw AdmitError(.invalidInput, .detailRequired(field), field: field.field)
        }
        return details
    }

    subscript(field: DetailField) -> String? {
        switch field {
        case .birthDate: birthDate
        case .email: email
        case .candidate: candidateNumber
        }
    }

    static func blankToNil(_ text: String?) throws -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    static func name(_ text: String, _ part: NamePart) throws -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let field = part.field
        guard !name.isEmpty else { throw AdmitError(.invalidInput, .nameMissing(part), field: field) }
        guard name.count <= 100 else { throw AdmitError(.invalidInput, .nameTooLong(part, maximum: 100), field: field) }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }) else {
            throw AdmitError(.invalidInput, .nameHasControlCharacter(part), field: field)
        }
        return name
    }

    static func birthDate(_ text: String, today: Date) throws -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = try? SessionDate.parse(text, as: .start, timeZone: calendar.timeZone), text.count == 10 else {
            throw AdmitError(.invalidInput, .birthDateNotADate(text), field: .birthDate)
        }
        guard calendar.component(.year, from: date) >= 1900, date < today else {
            throw AdmitError(.invalidInput, .birthDateImplausible(text), field: .birthDate)
        }
        return text
    }

    static func email(_ text: String) throws -> String {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let plausible =
            text.count <= 254 && parts.count == 2 && (1...64).contains(parts[0].count)
            && !text.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" || $0 == "<" || $0 == ">" })
            && parts[1].split(separator: ".", omittingEmptySubsequences: false).count >= 2
            && parts[1].split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
                !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-") && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            }
        guard plausible else { throw AdmitError(.invalidInput, .emailImplausible(text), field: .email) }
        return text
    }

    static func candidateNumber(_ text: String) throws -> String {
        guard text.count <= 32, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "/") }) else {
            throw AdmitError(.invalidInput, .candidateNumberForm(maximum: 32), field: .candidateNumber)
        }
        return text
    }
}

/// The optional details a session may require.
public enum DetailField: String, CaseIterable, Codable, Sendable {
    case birthDate = "birth-date"
    case email
    case candidate

    /// What a refusal about this detail is about.
    public var field: AdmitField {
        switch self {
        case .birthDate: .birthDate
        case .email: .email
        case .candidate: .candidateNumber
        }
    }

    /// The registration form's field for this detail.
    public var formField: String { field.rawValue }

    var label: String {
        switch self {
        case .birthDate: "date of birth"
        case .email: "e-mail address"
        case .candidate: "candidate number"
        }
    }

    /// Reads `birth-date,email,candidate` as typed on `session create --require`.
    public static func set(from text: String) throws -> Set<DetailField> {
        Set(
            try text.split(separator: ",").map { part in
                let name = part.trimmingCharacters(in: .whitespaces)
                // "candidate-number" is the name people expect; "candidate" is how sessions have stored it.
                guard let field = DetailField(rawValue: name == "candidate-number" ? "candidate" : name) else {
                    throw AdmitError(.invalidInput, .notADetail(name, choices: allCases.map(\.rawValue)))

                }
                return field
            })
    }
}

/// The two parts of a candidate's name.
public enum NamePart: String, Sendable {
    case givenName, familyName

    var field: AdmitField { self == .givenName ? .givenName : .familyName }

    var label: String { self == .givenName ? "given name" : "family name" }
}
