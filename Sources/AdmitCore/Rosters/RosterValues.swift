import Foundation

/// One uploaded row as the roster fields read it, trimmed.
struct RosterValues {
    var number: Int
    var candidateNumber: String
    var givenName: String
    var familyName: String
    var email: String
    var birthDate: String
    var group: String
    var username: String
    var password: String
    var entryGUID: String
    /// The headings of the row's cells longer than a spreadsheet cell may be.
    var overlongHeadings: [String]

    init(number: Int, cells: [String], header: [String], mapping: RosterMapping) {
        self.number = number
        overlongHeadings = cells.indices.filter { ImportLimits.isLonger(cells[$0], than: ImportLimits.cellCharacters) }.map {
            $0 < header.count && !header[$0].isEmpty ? header[$0] : "column \($0 + 1)"
        }
        candidateNumber = mapping.value(.candidateNumber, in: cells)
        givenName = mapping.value(.givenName, in: cells)
        familyName = mapping.value(.familyName, in: cells)
        email = mapping.value(.email, in: cells)
        birthDate = mapping.value(.birthDate, in: cells)
        group = mapping.value(.group, in: cells)
        username = mapping.value(.username, in: cells).lowercased()
        password = mapping.value(.password, in: cells)
        entryGUID = mapping.value(.entryGUID, in: cells)
    }

    /// No details at all: what a generic login not yet registered has.
    var hasNoDetails: Bool {
        [candidateNumber, givenName, familyName, email, birthDate].allSatisfy(\.isEmpty)
    }
}

/// What verification decided for one row.
enum RowPlan {
    case create(NamedEntryPlan)
    case update(Entry, details: CandidateDetails?, groupName: String?)
    case unchanged(Entry)
    case error(String)

    var outcome: ImportRow.Outcome {
        switch self {
        case .create: .created
        case .update: .updated
        case .unchanged: .unchanged
        case .error: .error
        }
    }

    var error: String? {
        if case .error(let message) = self { return message }
        return nil
    }
}

/// A new named entry, checked and ready to make.
struct NamedEntryPlan {
    var details: CandidateDetails
    var groupName: String?
    /// Nil: made from the session's username template when the entry is created.
    var username: String?
    /// Nil: a temporary password is generated.
    var password: String?
    var passwordSource: ImportRow.PasswordSource
}
