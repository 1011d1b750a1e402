import Foundation

extension Admissions {
    /// The entries of `session` that `names` name, in the order named (each once). A name is an entry GUID, an entry
    /// number (`12` or `#12`), a generic username (any case, with or without dashes, as sign-in reads it) or a
    /// personal username. A name that fits two entries is refused naming both; names that fit none are refused
    /// together, as typed.
    public func resolveEntries(_ names: [String], in session: TestSession) throws -> [Entry] {
        let names = names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else {
            throw AdmitError(.invalidInput, .noEntriesNamed(.any))
        }
        return try read { store in
            var found: [Entry] = []
            var unknown: [String] = []
            for name in names {
                let candidates = try Self.entries(named: name, in: session, store: store)
                switch candidates.count {
                case 0: unknown.append(name)
                case 1: if !found.contains(where: { $0.id == candidates[0].id }) { found.append(candidates[0]) }
                default:
                    let mentioned = candidates.map { EntryMention(number: $0.number, detail: $0.loginUsername) }
                    throw AdmitError(.conflict, .entryNameAmbiguous(name, session: session.name, mentioned))
                }
            }
            guard unknown.isEmpty else {
                throw AdmitError(.notFound, .entryNamesUnknown(unknown, session: session.name))

            }
            return found
        }
    }

    /// Every entry of the session one name could mean.
    private static func entries(named name: String, in session: TestSession, store: any StoreReader) throws -> [Entry] {
        if let id = UUID(uuidString: name) {
            return try store.entries(ids: [id]).filter { $0.sessionID == session.id }
        }
        if name.hasPrefix("#") {
            guard let number = Int(name.dropFirst()) else { return [] }
            return try store.entry(session: session.id, number: number).map { [$0] } ?? []
        }
        var matches: [Entry] = []
        if let number = Int(name), let entry = try store.entry(session: session.id, number: number) { matches.append(entry) }
        for entry in [
            try store.entry(institution: session.institutionCode, genericUsername: CredentialPolicy.normalized(name)),
            try store.entry(institution: session.institutionCode, personalUsername: name.lowercased()),
        ].compactMap({ $0 })
        where entry.sessionID == session.id && !matches.contains(where: { $0.id == entry.id }) {
            matches.append(entry)
        }
        return matches
    }
}
