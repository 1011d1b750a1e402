import Metrics

/// Lockouts as they happen, for `/metrics` (swift-metrics: nothing is recorded until a server bootstraps a backend).
enum SignInMetrics {
    enum Kind: String {
        case entry, staff
    }

    private static let entryLockouts = Counter(label: "admit_sign_in_lockouts_total", dimensions: [("kind", Kind.entry.rawValue)])
    private static let staffLockouts = Counter(label: "admit_sign_in_lockouts_total", dimensions: [("kind", Kind.staff.rawValue)])

    static func lockedOut(_ kind: Kind) {
        (kind == .entry ? entryLockouts : staffLockouts).increment()
    }
}
