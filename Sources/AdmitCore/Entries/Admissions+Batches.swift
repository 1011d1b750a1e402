import AdmitCrypto
import Foundation

/// What `addBatch` did: made a new batch, or found the one an earlier call with the same request key made.
public struct BatchOutcome: Sendable {
    public var batch: Batch
    public var created: Bool
    public var files: [URL]
    /// What the files' layouts want the person adding to know (one slip per row for long values).
    public var notices: [String] = []
}

extension Admissions {
    /// Adds a batch of generic logins to a session and writes its credential files, after the batch has
    /// committed: all of it, or nothing (a batch whose files fail is removed again).
    ///
    /// A request key already used for this session and size returns the first batch (and writes its files
    /// again) instead of making a second one, so a coordinator can safely retry.
    @discardableResult
    public func addBatch(
        to session: TestSession, _ request: BatchRequest,
        files requests: [CredentialFileRequest] = []
    ) throws -> BatchOutcome {
        let now = clock()
        let files = try CredentialFiles(requests, heading: try heading(for: session))
        // The transaction returns the rows to print; the files are written once it has committed.
        let (outcome, rows): (BatchOutcome, [CredentialRow]) = try write(retryingOn: [.genericUsername, .requestKey]) { store in
            if let key = request.requestKey, let existing = try store.batch(requestKey: key) {
                guard existing.sessionID == session.id, existing.size == request.size else {
                    throw AdmitError(.conflict, .requestKeyUsed(key, size: existing.size))
                }
                let rows = try reissue(existing, of: session, into: files, store: store, at: now)
                return (BatchOutcome(batch: existing, created: false, files: files.targets), rows)
            }
            if session.isClosed(at: now) {
                throw AdmitError(.closed, .sessionEnded(session.name))

            }
            let batch = Batch(
                id: try random.uuid(), sessionID: session.id, requestKey: request.requestKey, size: request.size,
                createdAt: now, createdBy: actor)
            try store.insert(batch)
            let sealer = try keys.sealer(creatingIn: store)
            let firstNumber = try store.reserveEntryNumbers(session: session.id, count: request.size)
            let usernames = try freshUsernames(
                request.size, length: request.policy.usernameLength,
                institution: session.institutionCode, store: store)
            var entries: [Entry] = []
            var rows: [CredentialRow] = []
            for (offset, username) in usernames.enumerated() {
                let password = try CredentialPolicy.code(length: request.policy.passwordLength, random: random)
                let id = try random.uuid()
                let entry = Entry(
                    id: id, sessionID: session.id, batchID: batch.id, number: firstNumber + offset,
                    username: username, sealedPassword: try seal(password, of: id, with: sealer),
                    storedState: .issued, createdAt: now,
                    expiresAt: Entry.expiry(createdAt: now, session: session), institutionCode: session.institutionCode)
                entries.append(entry)
                rows.append(row(entry, password: password, session: session, at: now))
            }
            try store.insert(entries)
            try store.append(
                audit(
                    .batchCreated, session: session.id, at: now,
                    .init(
                        batch: batch.id, count: batch.size, numbers: EntryNumbers(firstNumber..<(firstNumber + batch.size)).description,
                        files: files.targets.map(\.path))))
            return (BatchOutcome(batch: batch, created: true, files: files.targets), rows)
        }
        do {
            try files.write(rows)
            try files.commit()
        } catch  where outcome.created {
            // Nobody has seen these passwords: the batch goes again, so a file that failed leaves no batch behind.
            try? write { store in
                try store.deleteBatch(outcome.batch.id)
                try store.append(
                    audit(
                        .batchRemoved, session: session.id, at: now,
                        .init(batch: outcome.batch.id, count: outcome.batch.size, reason: "its files could not be written")))
            }
            throw error
        }
        var result = outcome
        result.notices = files.notices
        return result
    }

    /// `count` distinct usernames that no entry of the installation has: drawn, checked in one query, and
    /// drawn again for any already taken, until none is.
    private func freshUsernames(_ count: Int, length: Int, institution: String, store: any StoreReader) throws -> [String] {
        var usernames: [String] = []
        var chosen = Set<String>()
        while usernames.count < count {
            var candidates: [String] = []
            for _ in usernames.count..<count {
                let candidate = try CredentialPolicy.code(length: length, random: random)
                if chosen.insert(candidate).inserted { candidates.append(candidate) }
            }
            let taken = try store.takenUsernames(candidates, institution: institution)
            usernames += candidates.filter { !taken.contains($0) }
        }
        return usernames
    }

    /// The credentials of an existing batch, to write again (safe retry), auditing the disclosure.
    private func reissue(
        _ batch: Batch, of session: TestSession, into files: CredentialFiles, store: any StoreWriter,
        at now: Date
    ) throws -> [CredentialRow] {
        guard !files.isEmpty else { return [] }
        var numbers = EntryNumbers()
        var rows: [CredentialRow] = []
        try store.forEachEntry(session: session.id, filter: EntryFilter(batchID: batch.id), now: now) { entry in
            rows.append(row(entry, password: try password(of: entry, store: store, at: now), session: session, at: now))
            numbers.append(entry.number)
        }
        try store.append(
            audit(
                .entriesExported, session: session.id, at: now,
                .init(batch: batch.id, count: numbers.count, numbers: numbers.description, files: files.targets.map(\.path))))
        return rows
    }
}
