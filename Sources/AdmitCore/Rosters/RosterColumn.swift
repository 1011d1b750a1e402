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

    /// A file without one of these columns is refused as a whole. A candidate number may be left out (the entry
    /// number stands in) unless the session requires one, and then a row without it is that row's error.
    public var isRequired: Bool {
        switch self {
        case .givenName, .familyName: true
        default: false
        }
    }

    /// Other headings that mean this column, as school systems, test platforms and admin consoles export it
    /// (GMetrix, HMH and OneRoster, Moodle's user upload, Google's and Microsoft's admin consoles; README has the table).
    public var synonyms: [String] {
        switch self {
        case .candidateNumber:
            [
                "Candidate No", "Candidate ID", "Student ID", "Student Number", "Student No", "Pupil Number", "UCI", "ULN", "Exam Number",
                "idnumber", "ID Number", "Employee ID",
            ]
        case .givenName: ["First Name", "Forename", "Forenames", "Given Names", "Firstname", "Prenom"]
        case .familyName: ["Last Name", "Surname", "Lastname", "Family Names", "Second Name", "Nom"]
        case .email: ["E-mail", "E-mail Address", "Email Address", "Mail", "Primary Email", "Email Address [Required]"]
        case .birthDate: ["Birth Date", "Birthdate", "DOB", "D.O.B.", "Date Of Birth (YYYY-MM-DD)"]
        case .group: ["Class", "Form", "Tutor Group", "Room", "Cohort", "cohort1", "Org Unit Path", "Department"]
        case .username: ["User Name", "Login", "User ID", "UserID", "User Principal Name"]
        case .password: ["Temporary Password", "Initial Password"]
        case .entryGUID: ["GUID", "Entry ID", "Entry UUID", "User GUID"]
        }
    }

    /// One line for the template's instructions and input messages.
    public var instruction: String {
        switch self {
        case .candidateNumber:
            "Optional, unless the session requires it. The candidate's number at the centre: up to 32 letters, digits, - and /; unique in the session. Without one, the entry number stands in."
        case .givenName: "Required. As the candidate writes it; up to 100 characters."
        case .familyName: "Required. As the candidate writes it; up to 100 characters."
        case .email: "Optional. The candidate's e-mail address."
        case .birthDate: "Optional. A date, written 2008-05-31 in a CSV file."
        case .group: "Optional. A class or room; a group that does not exist yet is created for the session."
        case .username: "Optional. Leave blank and Admit makes one from the session's username template."
        case .password:
            "Optional. Leave blank and Admit makes a temporary password. One you give must pass the password policy; Admit does not keep the file's copy."
        case .entryGUID: "Leave blank for new candidates. Filled in by Admit: a row with a GUID updates that entry."
        }
    }
}
