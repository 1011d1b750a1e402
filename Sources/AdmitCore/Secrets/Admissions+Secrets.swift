import AdmitCrypto
import Foundation

extension Admissions {
    /// Makes sure the database knows its data key (made beside a new SQLite file, recorded by its check value),
    /// so a new installation starts with both; a different key is refused.
    public func prepareDataKey() throws {
        try write { store in _ = try keys.sealer(creatingIn: store) }
    }

    /// Seals a generic password with the entry GUID as associated data, so the blob opens only for its own row.
    func seal(_ password: String, of entry: UUID, with sealer: Sealer) throws -> [UInt8] {
        try sealer.seal(Array(password.utf8), associatedData: Self.associatedData(entry))
    }

    /// The generic password of an entry that is still issued; nil for any other state.
    func password(of entry: Entry, store: any StoreReader, at now: Date) throws -> String? {
        guard entry.state(at: now) == .issued else { return nil }
        return try openedPassword(of: entry, store: store)
    }

    /// The sealed generic password, whatever the entry's state; nil once destroyed.
    func openedPassword(of entry: Entry, store: any StoreReader) throws -> String? {
        guard let sealed = entry.sealedPassword else { return nil }
        do {
            let plain = try keys.sealer(readingFrom: store).open(sealed, associatedData: Self.associatedData(entry.id))
            return String(decoding: plain, as: UTF8.self)
        } catch let error as CryptoError {
            throw AdmitError(.storage, .passwordUnopenable(entry: entry.number, error))

        }
    }

    /// The entry's row as of `now`, the moment its password was (or was not) opened. A named or reset entry's
    /// temporary password goes with its personal username, and its slip names the candidate.
    func row(_ entry: Entry, password: String?, session: TestSession, at now: Date) -> CredentialRow {
        let personal = entry.choosesPasswordOnly && entry.storedState == .issued
        return CredentialRow(
            number: entry.number, entryID: entry.id, username: personal ? entry.loginUsername : entry.username,
            password: password, institutionCode: session.institutionCode, state: entry.state(at: now),
            sessionName: session.name, candidate: entry.kind == .named || personal ? entry.details?.label : nil)
    }

    static func associatedData(_ entry: UUID) -> [UInt8] {
        Array(entry.lowercased.utf8)
    }
}
