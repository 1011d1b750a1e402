import Foundation

extension Admissions {
    /// The entries of `session` that `names` name, in the order named (each once). A name is an entry GUID, an entry
    /// number (`12` or `#12`), a generic username (any case, with or without dashes, as sign-in reads it) or a
    /// personal username. A name that fits two entries is refused naming both; names that fit none are refused
    /// together, as typed.
    public func resolveEntries(_ names: [String], in session: TestSession) throws -> [Entry] {
        let names = names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else {
            throw AdmitError(.invalidInput, "name at least one entry: its GUID, its number (#12) or its username")
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
                    let list = candidates.map { "#\($0.number) (\($0.loginUsername))" }.joined(separator: " and ")
                    throw AdmitError(
                        .conflict,
                        "\"\(name)\" names \(candidates.count) entries of the session \"\(session.name)\", \(list); name one as #number or by its GUID"
                    )
                }
            }
            guard unknown.isEmpty else {
                let list = unknown.prefix(5).map { "\"\($0)\"" }.joined(separator: ", ") + (unknown.count > 5 ? ", …" : "")
                throw AdmitError(
                    .notFound,
                    "\(unknown.count == 1 ? "this entry is" : "\(unknown.count) entries are") not in the session \"\(session.name)\": \(list); name entries by GUID, number (#12) or username, as the entries list shows them"
                )
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
