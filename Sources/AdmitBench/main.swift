import AdmitCore
import AdmitCrypto
import AdmitSQLite
import Foundation
import Synchronization

// First-login throughput, printed as a table for `make bench`:
// - one Argon2id hash (OWASP parameters), median of several;
// - registrations per second with one worker per core, against the bound the hash allows (cores ÷ hash time),
//   and against the hashes per second the same workers reach doing nothing but hashing (where cores share
//   memory bandwidth, parallel Argon2id does not scale with cores, and that is the real ceiling);
// - sign-ins with a generic login per second, one worker (no Argon2id involved).
// `--argon2-only` prints the hash figures alone as JSON (bench/serve_load.py measures the server against them).

let arguments = CommandLine.arguments.dropFirst()
let registrations = arguments.first.flatMap(Int.init) ?? 400
let signIns = arguments.dropFirst().first.flatMap(Int.init) ?? 2_000
let cores = ProcessInfo.processInfo.activeProcessorCount

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// A fresh database with `count` generic logins; returns the operations and the slips.
func setUp(_ count: Int) throws -> (Admissions, [CredentialRow]) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-bench-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let admissions = Admissions(
        store: try SQLiteStore.open(at: folder.appendingPathComponent("admit.sqlite")),
        dataKey: .file(folder.appendingPathComponent("admit.key")), actor: "bench")
    try admissions.addInstitution(code: "BN001", name: "Bench")
    let session = try admissions.createSession(institution: "BN001", name: "Bench")
    final class Rows: CredentialSheetWriter {
        var rows: [CredentialRow] = []
        func add(_ row: CredentialRow) { rows.append(row) }
        func close() {}
    }
    var slips: [CredentialRow] = []
    var remaining = count
    while remaining > 0 {
        let sheet = Rows()
        let size = min(remaining, Batch.sizes.upperBound)
        try admissions.addBatch(
            to: session, try BatchRequest(size: size),
            files: [
                CredentialFileRequest(target: folder.appendingPathComponent("slips-\(remaining)")) { _, _, _ in sheet }
            ])
        slips += sheet.rows
        remaining -= size
    }
    return (admissions, slips)
}

let hashTimes = try (0..<9).map { _ in try seconds { _ = try PasswordHasher.owasp.hash("Tr0ub4dor&3horse") } }
let hashTime = median(hashTimes)
let bound = Double(cores) / hashTime
let parallelHashes = 10 * cores
let parallelHashTime = seconds {
    DispatchQueue.concurrentPerform(iterations: cores) { _ in
        for _ in 0..<10 { _ = try? PasswordHasher.owasp.hash("Tr0ub4dor&3horse") }
    }
}
let ceiling = Double(parallelHashes) / parallelHashTime

// `AdmitBench --argon2-only`: the hash figures alone, as one JSON object, for bench/serve_load.py's bound.
if arguments.first == "--argon2-only" {
    print(#"{"cores": \#(cores), "hash_seconds": \#(hashTime), "bound_per_second": \#(bound), "ceiling_per_second": \#(ceiling)}"#)
    exit(0)
}

let (registering, registrationSlips) = try setUp(registrations)
/// The next slip to register, and how many registrations failed.
let work = Mutex((next: 0, failures: 0))
let registrationTime = seconds {
    DispatchQueue.concurrentPerform(iterations: cores) { _ in
        while true {
            let index: Int? = work.withLock { state in
                defer { state.next += 1 }
                return state.next < registrationSlips.count ? state.next : nil
            }
            guard let index else { return }
            let slip = registrationSlips[index]
            do {
                try registering.register(
                    institution: "BN001", username: slip.username, password: slip.password!,
                    details: CandidateDetails(givenName: "Maria", familyName: "Garcia"),
                    newPassword: "Tr0ub4dor&3horse-\(index)")
            } catch {
                work.withLock { $0.failures += 1 }
            }
        }
    }
}
let registrationRate = Double(registrations) / registrationTime
let failures = work.withLock { $0.failures }

let (signing, signInSlips) = try setUp(500)
let signInTime = try seconds {
    for index in 0..<signIns {
        let slip = signInSlips[index % signInSlips.count]
        _ = try signing.signIn(institution: "BN001", username: slip.username, password: slip.password!)
    }
}

func row(_ cells: String...) {
    print(
        cells.enumerated().map { $0.offset == 0 ? $0.element.padding(toLength: 48, withPad: " ", startingAt: 0) : $0.element }.joined(separator: "  ")
    )
}
print("First login (in-process, \(cores) cores)")
row("figure", "value", "goal")
row("Argon2id hash, m=19456 t=2 p=1 (median of 9)", String(format: "%.1f ms", hashTime * 1000), "")
row("bound: cores ÷ hash time", String(format: "%.1f /s", bound), "")
row("registrations, \(cores) workers, \(registrations) entries", String(format: "%.1f /s", registrationRate), "")
row("  ratio to the bound", String(format: "%.2f", registrationRate / bound), registrationRate / bound >= 0.8 ? "≥ 0.8 met" : "≥ 0.8 NOT met")
row("  failed registrations", String(failures), failures == 0 ? "0 met" : "0 NOT met")
row("hashes only, \(cores) workers (this machine's ceiling)", String(format: "%.1f /s", ceiling), "")
row("  registrations' ratio to the ceiling", String(format: "%.2f", registrationRate / ceiling), "")
row("generic sign-ins, 1 worker, \(signIns) sign-ins", String(format: "%.0f /s", Double(signIns) / signInTime), "")
