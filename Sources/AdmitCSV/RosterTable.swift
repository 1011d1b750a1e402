import AdmitCore

/// The roster's columns and a row's cells as text: the CSV writes them, and the workbook's roster sheet prints them.
public enum RosterTable {
    /// The candidate sits next to the credentials, where an invigilator's eye already is; blank for generic logins.
    public static let columns = ["#", "Username", "Password", "Candidate", "Institution ID", "State", "Session"]

    /// A row's cells as text, in `columns` order; blank where there is nothing to print.
    public static func cells(_ row: CredentialRow) -> [String] {
        [String(row.number), row.username, row.password ?? "", row.candidate ?? "", row.institutionCode, row.state.rawValue, row.sessionName]
    }
}
