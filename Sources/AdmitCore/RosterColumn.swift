/// The columns of a named roster, as the template names them. Import finds them under these names or a synonym.
public enum RosterColumn: String, CaseIterable, Codable, Sendable {
    case candidateNumber = "Candidate Number"
    case givenName = "Given Name"
    case familyName = "Family Name"
    case email = "Email"
    case birthDate = "Date of Birth"
    case group = "Group"
    case username = "Username"
    case password = "Password"
    case entryGUID = "Entry GUID"

    /// A file without one of these columns is refused as a whole.
    public var isRequired: Bool {
        switch self {
        case .candidateNumber, .givenName, .familyName: true
        default: false
        }
    }

    /// Other headings that mean this column, as school systems and spreadsheets name it.
    public var synonyms: [String] {
        switch self {
        case .candidateNumber: ["Candidate No", "Candidate ID", "Student ID", "Student Number", "Student No", "Pupil Number", "UCI", "ULN", "Exam Number"]
        case .givenName: ["First Name", "Forename", "Forenames", "Given Names", "Firstname", "Prenom"]
        case .familyName: ["Last Name", "Surname", "Lastname", "Family Names", "Second Name", "Nom"]
        case .email: ["E-mail", "E-mail Address", "Email Address", "Mail"]
        case .birthDate: ["Birth Date", "Birthdate", "DOB", "D.O.B.", "Date Of Birth (YYYY-MM-DD)"]
        case .group: ["Class", "Form", "Tutor Group", "Room", "Cohort"]
        case .username: ["User Name", "Login", "User ID", "UserID"]
        case .password: ["Temporary Password", "Initial Password"]
        case .entryGUID: ["GUID", "Entry ID", "Entry UUID"]
        }
    }

    /// One line for the template's instructions and input messages.
    public var instruction: String {
        switch self {
        case .candidateNumber: "Required. The candidate's number at the centre: up to 32 letters, digits, - and /; unique in the file."
        case .givenName: "Required. As the candidate writes it; up to 100 characters."
        case .familyName: "Required. As the candidate writes it; up to 100 characters."
        case .email: "Optional. The candidate's e-mail address."
        case .birthDate: "Optional. A date, written 2008-05-31 in a CSV file."
        case .group: "Optional. A class or room; a group that does not exist yet is created for the session."
        case .username: "Optional. Leave blank and Admit makes one from the session's username template."
        case .password: "Optional. Leave blank and Admit makes a temporary password. One you give must pass the password policy; Admit does not keep the file's copy."
        case .entryGUID: "Leave blank for new candidates. Filled in by Admit: a row with a GUID updates that entry."
        }
    }
}
