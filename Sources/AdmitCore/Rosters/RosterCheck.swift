import AdmitCrypto
import Foundation

/// The checks a roster's rows go through, on verify and again inside each import transaction.
struct RosterCheck {
    let session: TestSession
    let today: Date
    let defaultPassword: String?
    /// Usernames given anywhere in the file: a generated one must not take one of them.
    let givenUsernames: Set<String>
    /// Problems of rows with each other (the same GUID, username or candidate number twice), by row number.
    let duplicates: [Int: [String]]

    /// The keys the whole-file checks need, gathered a row at a time: the rows themselves are not kept.
    struct Keys {
        fileprivate var usernames: Set<String> = []
        /// For each rule, its keys and the rows that give them.
        fileprivate var rules: [(label: String, keys: KeyList)] = [
            ("Entry GUID", KeyList()), ("username", KeyList()), ("candidate number", KeyList()),
        ]

        mutating func add(_ row: RosterValues) {
            if !row.username.isEmpty { usernames.insert(row.username) }
            for (rule, key) in [row.entryGUID.lowercased(), row.username, row.candidateNumber.uppercased()].enumerated() where !key.isEmpty {
                rules[rule].keys.append(key, row: row.number)
            }
        }
    }

    init(session: TestSession, keys: Keys, today: Date, defaultPassword: String?) {
        self.session = session
        self.today = today
        self.defaultPassword = defaultPassword
        givenUsernames = keys.usernames
        var duplicates: [Int: [String]] = [:]
        for (label, list) in keys.rules {
            for numbers in list.repeated() {
                for number in numbers {
                    let others = numbers.filter { $0 != number }.map(String.init).joined(separator: ", ")
                    duplicates[number, default: []].append("the \(label) is also on row \(others); give each candidate one row")
                }
            }
        }
        self.duplicates = duplicates
    }

    /// Whether every row needs a candidate number: only when the session requires one.
    var requiresCandidateNumber: Bool { session.requiredDetails.contains(.candidate) }

    /// Plans every row against the store as it is inside `store`'s transaction.
    func plan(_ rows: [RosterValues], store: any StoreReader, admissions: Admissions) throws -> [RowPlan] {
        let ids = rows.compactMap { UUID(uuidString: $0.entryGUID) }
        let existing = Dictionary(
            try store.entries(ids: ids).filter { $0.sessionID == session.id }.map { ($0.id, $0) },
            uniquingKeysWith: { a, _ in a })
        let numbers = rows.map(\.candidateNumber).filter { !$0.isEmpty }
        let holders = Dictionary(
            try store.entries(session: session.id, candidateNumbers: numbers).map { ($0.details?.candidateNumber?.uppercased() ?? "", $0) },
            uniquingKeysWith: { a, _ in a })
        let groupNames = Dictionary(try store.groups(session: session.id).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return try rows.map { row in
            var problems = row.overlongHeadings.map {
                "the cell under \"\($0)\" holds more than 32,767 characters, the most a spreadsheet cell holds; shorten it"
            }
            problems += duplicates[row.number] ?? []
            let plan: RowPlan?
            if row.entryGUID.isEmpty {
                plan = try planNew(row, holders: holders, store: store, problems: &problems)
            } else if let id = UUID(uuidString: row.entryGUID), let entry = existing[id] {
                plan = try planUpdate(
                    row, of: entry, holders: holders, groupNames: groupNames, store: store, admissions: admissions,
                    problems: &problems)
            } else {
                problems.append("no entry of this session has the Entry GUID \"\(row.entryGUID)\"; leave the cell blank for a new candidate")
                plan = nil
            }
            guard problems.isEmpty, let plan else { return .error(Self.sentence(problems)) }
            return plan
        }
    }

    private func planNew(_ row: RosterValues, holders: [String: Entry], store: any StoreReader, problems: inout [String]) throws -> RowPlan? {
        if session.isClosed(at: today) { problems.append("the session has ended, so it takes no new candidates") }
        let details = self.details(row, requiringCandidateNumber: requiresCandidateNumber, problems: &problems)
        if let holder = holders[row.candidateNumber.uppercased()] {
            problems.append(
                "candidate number \(row.candidateNumber) already belongs to entry #\(holder.number) (\(holder.id.lowercased)); to update it, put that Entry GUID in the row"
            )
        }
        let group = self.group(row, problems: &problems)
        var username: String?
        if !row.username.isEmpty {
            username = Self.username(row.username, problems: &problems)
            if let name = username, try Admissions.isTaken(name, institution: session.institutionCode, store: store) {
                problems.append("the username \(name) is already taken; choose another or leave the cell blank")
            }
        }
        var password: String? = row.password.isEmpty ? defaultPassword : row.password
        if let chosen = password, let details {
            let names = [username ?? session.usernameTemplate.base(for: details)]
            do {
                try CredentialPolicy.requirePrintable(chosen)
                try PasswordPolicy().check(chosen, genericPassword: "", usernames: names, details: details)
            } catch let error as AdmitError {
                problems.append((row.password.isEmpty ? "the default password: " : "Password: ") + error.message)
                password = nil
            }
        }
        guard let details else { return nil }
        let source: ImportRow.PasswordSource = !row.password.isEmpty ? .file : defaultPassword != nil ? .default : .generated
        return .create(NamedEntryPlan(details: details, groupName: group, username: username, password: password, passwordSource: source))
    }

    private func planUpdate(
        _ row: RosterValues, of entry: Entry, holders: [String: Entry], groupNames: [UUID: String],
        store: any StoreReader, admissions: Admissions, problems: inout [String]
    ) throws -> RowPlan? {
        // A generic login not yet registered has no details: its row may leave them blank.
        let keepsNoDetails = entry.details == nil && row.hasNoDetails
        let details = keepsNoDetails ? nil : self.details(row, requiringCandidateNumber: requiresCandidateNumber, problems: &problems)
        if let holder = holders[row.candidateNumber.uppercased()], holder.id != entry.id {
            problems.append(
                "candidate number \(row.candidateNumber) already belongs to entry #\(holder.number) (\(holder.id.lowercased))")
        }
        let group = self.group(row, problems: &problems)
        if !row.username.isEmpty, row.username != entry.loginUsername.lowercased(),
            CredentialPolicy.normalized(row.username) != CredentialPolicy.normalized(entry.loginUsername)
        {
            problems.append("an import does not change an entry's username (it is \(entry.loginUsername)); leave the cell blank")
        }
        if !row.password.isEmpty {
            let current = try admissions.openedPassword(of: entry, store: store)
            let same =
                current.map {
                    constantTimeEquals(Array($0.utf8), Array(row.password.utf8))
                        || constantTimeEquals(Array($0.utf8), Array(CredentialPolicy.normalized(row.password).utf8))
                } ?? false
            if !same { problems.append("an import does not change an existing entry's password; leave the Password cell blank") }
        }
        guard problems.isEmpty else { return nil }
        let currentGroup = entry.groupID.flatMap { groupNames[$0] }
        let sameGroup = currentGroup?.lowercased() == group?.lowercased()
        if (keepsNoDetails || details == entry.details) && sameGroup { return .unchanged(entry) }
        return .update(entry, details: keepsNoDetails ? nil : details, groupName: group)
    }

    /// The row's details, validated; nil (with the problems noted) when any is wrong.
    private func details(_ row: RosterValues, requiringCandidateNumber: Bool, problems: inout [String]) -> CandidateDetails? {
        let before = problems.count
        func check<T>(_ body: () throws -> T) -> T? {
            do { return try body() } catch let error as AdmitError {
                problems.append(error.message)
                return nil
            } catch { return nil }
        }
        let given = check { try CandidateDetails.name(row.givenName, .givenName) }
        let family = check { try CandidateDetails.name(row.familyName, .familyName) }
        var details = CandidateDetails(givenName: given ?? "", familyName: family ?? "")
        details.birthDate = row.birthDate.isEmpty ? nil : check { try CandidateDetails.birthDate(row.birthDate, today: today) }
        details.email = row.email.isEmpty ? nil : check { try CandidateDetails.email(row.email) }
        if row.candidateNumber.isEmpty {
            if requiringCandidateNumber { problems.append("the candidate number is missing") }
        } else {
            details.candidateNumber = check { try CandidateDetails.candidateNumber(row.candidateNumber) }
        }
        for field in DetailField.allCases where session.requiredDetails.contains(field) && details[field] == nil && problems.count == before {
            problems.append("this session asks for every candidate's \(field.label)")
        }
        return problems.count == before ? details : nil
    }

    private func group(_ row: RosterValues, problems: inout [String]) -> String? {
        guard !row.group.isEmpty else { return nil }
        do { return try EntryGroup.name(row.group) } catch let error as AdmitError {
            problems.append(error.message)
        } catch {}
        return nil
    }

    /// A username typed in the file: what a personal username may be made of.
    private static func username(_ text: String, problems: inout [String]) -> String? {
        let allowed =
            text.count <= UsernameTemplate.maximumLength && text.first.map { $0.isLetter || $0.isNumber } == true
            && text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || UsernameTemplate.separators.contains($0) }
        guard allowed else {
            problems.append(
                "the username \"\(text)\" may hold only a-z, 0-9, '.', '-' and '_', up to \(UsernameTemplate.maximumLength), starting with a letter or digit"
            )
            return nil
        }
        return text
    }

    /// Problems as one sentence a coordinator can act on.
    static func sentence(_ problems: [String]) -> String {
        let text = problems.joined(separator: "; ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }
}
