import Foundation

/// What a withdrawal did.
public struct WithdrawOutcome: Sendable {
    public var withdrawn: [UUID]
    public var alreadyWithdrawn: [UUID]
}

extension Admissions {
    /// Withdraws entries of a session: nothing signs in with them any more, and their sealed passwords are
    /// destroyed. The rows stay. An id that is not an entry of the session refuses the whole request.
    @discardableResult
    public func withdraw(session: TestSession, entries ids: [UUID]) throws -> WithdrawOutcome {
        guard !ids.isEmpty else { throw AdmitError(.invalidInput, .noEntriesNamed(.withdraw)) }
        try requireEntries(ids, in: session)
        let now = clock()
        return try write { store in
            var outcome = WithdrawOutcome(withdrawn: [], alreadyWithdrawn: [])
            for entry in try store.entries(ids: Array(Set(ids))).sorted(by: { $0.number < $1.number }) {
                if entry.storedState == .withdrawn {
                    outcome.alreadyWithdrawn.append(entry.id)
                } else if try store.withdraw(entry: entry.id, from: entry.storedState, at: now) {
                    outcome.withdrawn.append(entry.id)
                } else {
                    throw AdmitError(.conflict, .changedDuringWithdrawal(entry.number))

                }
            }
            if !outcome.withdrawn.isEmpty {
                try store.append(
                    audit(
                        .entriesWithdrawn, session: session.id, at: now,
                        .init(count: outcome.withdrawn.count, entries: outcome.withdrawn)))
            }
            return outcome
        }
    }
}
