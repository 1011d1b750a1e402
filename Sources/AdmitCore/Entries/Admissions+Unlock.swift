import Foundation

/// What an unlock did.
public struct UnlockOutcome: Sendable {
    /// Entries that were locked, or had failures counted towards a lock.
    public var unlocked: [Entry]
    /// Entries that had neither: nothing to clear.
    public var notLocked: [Entry]
}

extension Admissions {
    /// Clears the failures in a row and the lock of entries of a session, so the right password works at once.
    /// An id that is not an entry of the session refuses the whole request.
    @discardableResult
    public func unlock(session: TestSession, entries ids: [UUID]) throws -> UnlockOutcome {
        guard !ids.isEmpty else { throw AdmitError(.invalidInput, .noEntriesNamed(.unlock)) }

        try requireEntries(ids, in: session)
        let now = clock()
        return try write { store in
            var outcome = UnlockOutcome(unlocked: [], notLocked: [])
            for entry in try store.entries(ids: Array(Set(ids))).sorted(by: { $0.number < $1.number }) {
                guard entry.failedAttempts > 0 || (entry.lockedUntil.map { $0 > now } ?? false) else {
                    outcome.notLocked.append(entry)
                    continue
                }
                // What a good sign-in clears, without recording one.
                try store.recordSuccessfulSignIn(entry: entry.id, at: nil, passwordHash: nil)
                outcome.unlocked.append(entry)
            }
            if !outcome.unlocked.isEmpty {
                try store.append(
                    audit(
                        .entriesUnlocked, session: session.id, at: now,
                        .init(count: outcome.unlocked.count, entries: outcome.unlocked.map(\.id))))
            }
            return outcome
        }
    }
}
