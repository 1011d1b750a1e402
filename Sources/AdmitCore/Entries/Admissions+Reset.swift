import AdmitCrypto
import Foundation

/// What a reset did.
public struct ResetOutcome: Sendable {
    /// The entries reset, as they are now (issued, with a new temporary password), in entry-number order.
    public var entries: [Entry]
    public var files: [URL]
    /// What the files' layouts want the person resetting to know (one slip per row for long values).
    public var notices: [String] = []
}

extension Admissions {
    /// Gives entries of a session new temporary passwords, made and sealed like generic ones and valid for 90 days
    /// or until the session ends, and writes their sheet once the reset has committed. A login not yet registered
    /// keeps its username; a registered one keeps its personal username, its own password stops working at once,
    /// and its next sign-in with the temporary password only chooses a new one. Withdrawn entries, or a session
    /// that has ended, refuse the whole request.
    @discardableResult
    public func reset(session: TestSession, entries ids: [UUID], files requests: [CredentialFileRequest] = []) throws -> ResetOutcome {
        guard !ids.isEmpty else { throw AdmitError(.invalidInput, .noEntriesNamed(.reset)) }
        try requireEntries(ids, in: session)
        let now = clock()
        let expiry = Entry.expiry(createdAt: now, session: session)
        guard expiry > now else {
            throw AdmitError(.closed, .sessionEndedForReset(session.name))
        }
        let files = try CredentialFiles(requests, heading: try heading(for: session))
        let unique = Array(Set(ids))
        // Made before the transaction, so a body that runs again hands out the same passwords.
        let passwords = try Dictionary(
            uniqueKeysWithValues: unique.map { ($0, try CredentialPolicy.code(length: CredentialPolicy().passwordLength, random: random)) })
        let (entries, rows): ([Entry], [CredentialRow]) = try write { store in
            let entries = try store.entries(ids: unique).sorted { $0.number < $1.number }
            let withdrawn = entries.filter { $0.storedState == .withdrawn }
            guard withdrawn.isEmpty else {
                throw
                    AdmitError(.conflict, .withdrawnCannotBeReset(session.name, numbers: withdrawn.map(\.number)))
            }
            let sealer = try keys.sealer(creatingIn: store)
            var reset: [Entry] = []
            var rows: [CredentialRow] = []
            for var entry in entries {
                guard let password = passwords[entry.id] else { continue }
                let sealed = try seal(password, of: entry.id, with: sealer)
                guard try store.reset(entry: entry.id, sealedPassword: sealed, expiresAt: expiry, at: now) else {
                    throw AdmitError(.conflict, .withdrawnDuringReset(entry.number))

                }
                entry.storedState = .issued
                entry.sealedPassword = sealed
                entry.passwordHash = nil
                entry.expiresAt = expiry
                entry.resetAt = now
                entry.failedAttempts = 0
                entry.lockedUntil = nil
                reset.append(entry)
                rows.append(row(entry, password: password, session: session, at: now))
            }
            try store.append(
                audit(
                    .entriesReset, session: session.id, at: now,
                    .init(count: reset.count, entries: reset.map(\.id), files: files.targets.map(\.path))))
            return (reset, rows)
        }
        // The new passwords are in force and sealed: a sheet that fails can be printed again, the old passwords cannot.
        let reset = SavedAnyway.entriesReset(session: session.name, numbers: entries.map(\.number))
        do {
            try files.write(rows)
        } catch {
            let cause = (error as? AdmitError)?.message ?? String(describing: error)
            throw AdmitError(.storage, .sheetUnwritten(cause: cause, reset))
        }
        try files.commit(afterward: reset)
        return ResetOutcome(entries: entries, files: files.targets, notices: files.notices)
    }
}
