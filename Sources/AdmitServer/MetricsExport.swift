import Metrics
import Prometheus

/// The process's metrics, as `GET /metrics` exports them: swift-metrics backed by one Prometheus registry, so
/// whatever the server, Hummingbird and the store record through swift-metrics lands there.
public enum MetricsExport {
    static let registry = PrometheusCollectorRegistry()

    private static let bootstrapped: Void = MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

    /// Points swift-metrics at the registry, once per process (swift-metrics allows one bootstrap; later calls do
    /// nothing). Call it before the store opens: a metric made before it records nowhere, for good.
    public static func bootstrap() {
        _ = bootstrapped
    }

    /// Everything recorded so far, in the Prometheus text format.
    static func text() -> [UInt8] { registry.emitToBuffer() }
}

/// The server's own counts, beside Hummingbird's requests by route and status (the credential queue counts itself).
enum ServerMetrics {
    /// A refused sign-in on the candidate or the staff form. Core answers a wrong password, an unknown login and a
    /// locked one alike, so lockouts are not told apart here.
    static func signInFailed(form: String) {
        Counter(label: "admit_sign_in_failures_total", dimensions: [("form", form)]).increment()
    }
}
