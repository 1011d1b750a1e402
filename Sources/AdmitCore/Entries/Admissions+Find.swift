import Foundation

extension Admissions {
    /// Candidates across sessions whose personal or generic username, candidate number, name or e-mail holds every
    /// word of `text` (names with accents and case ignored: `nunez` finds Núñez), newest session first, then by
    /// entry number. `institution` limits the search to what one institution's staff may see.
    /// What `find` finds among the sessions `member` may see.
    public func find(_ text: String, visibleTo member: StaffMember) throws -> [FoundEntry] {
        try authorize(member, .view)
        guard member.role == .admin || member.institutionCode != nil else { return [] }
        return try find(text, institution: member.role == .admin ? nil : member.institutionCode)
    }

    public func find(_ text: String, institution code: String? = nil) throws -> [FoundEntry] {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.joined().count >= 2 else {
            throw AdmitError(.invalidInput, .searchTooShort(minimum: 2))

        }
        let institution = try code.map { try self.institution(code: $0).code }
        let queries = words.map(SearchWord.init)
        let now = clock()
        return try read { store in
            var found: [FoundEntry] = []
            for session in try store.sessions(search: nil, institution: institution) {
                let groups = try groupNames(of: session, requiring: nil, store: store)
                try store.forEachEntry(session: session.id, filter: EntryFilter(), now: now) { entry in
                    let fields = SearchFields(entry)
                    guard queries.allSatisfy(fields.match) else { return }
                    found.append(
                        FoundEntry(
                            sessionID: session.id, sessionName: session.name, institutionCode: session.institutionCode,
                            entry: EntrySummary(entry, at: now, group: entry.groupID.flatMap { groups[$0] })))
                }
            }
            return found
        }
    }
}

/// One word of a search, in the forms each field is compared in.
private struct SearchWord {
    let lower: String
    let folded: String
    /// As a generic username is typed back: upper case, no dashes or spaces.
    let code: String

    init(_ word: String) {
        lower = word.lowercased()
        folded = SearchFields.fold(word)
        code = CredentialPolicy.normalized(word)
    }
}

/// What a search looks in, for one entry.
private struct SearchFields {
    let generic: String?
    let others: [String]
    let names: [String]

    init(_ entry: Entry) {
        generic = entry.kind == .generic ? entry.username : nil
        others = [entry.personalUsername, entry.details?.candidateNumber, entry.details?.email].compactMap { $0?.lowercased() }
        names = [entry.details?.givenName, entry.details?.familyName].compactMap { $0 }.map(Self.fold)
    }

    func match(_ word: SearchWord) -> Bool {
        // A short piece of a random code would find strangers: a generic username matches whole, or from 4 symbols on.
        if let generic, generic == word.code || (word.code.count >= 4 && generic.contains(word.code)) { return true }
        if others.contains(where: { $0.contains(word.lower) }) { return true }
        return !word.folded.isEmpty && names.contains { $0.contains(word.folded) }
    }

    /// Accents and case dropped, as usernames are made: Foundation's folding first (cheap, and enough for most
    /// Latin names), then the template's transliteration for what is left (Ł, Ø, other scripts).
    static func fold(_ text: String) -> String {
        UsernameTemplate.fold(text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil))
    }
}
