import AdmitServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// `GET /metrics`: Prometheus text with requests by route pattern and status, the credential queue and sign-in
/// failures, for this machine only. Over a real connection (`.live`), since who may read it is judged by address.
@Suite struct MetricsTests {
    @Test func aSignInShowsInTheMetricsByRouteAndStatusBesideTheQueueDepth() async throws {
        // Once per process; the metrics of an application built before this record nowhere, which no test here needs.
        MetricsExport.bootstrap()
        let server = try Server()
        let slip = try server.slips(1)[0]
        try await server.run(credentials: CredentialQueue(limit: 8), .live) { client in
            var browser = Browser(client)
            _ = try await browser.get("/")
            let refused = try await browser.post("/signin", CandidateTests.signInFields(slip, password: "not-the-password"))
            #expect(refused.status == .unauthorized)

            let expected = #"hb_requests{http_route="/signin",http_request_method="POST",http_response_status_code="401"}"#
            let (metrics, text) = try await Self.metrics(client, showing: expected)
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            #expect(text.contains(expected), "\(text)")
            #expect(text.contains("# TYPE admit_credential_queue_depth gauge\nadmit_credential_queue_depth "))
            #expect(text.contains(#"admit_sign_in_failures_total{form="candidate"} "#))
            #expect(text.contains(#"http_server_request_duration_bucket{http_route="/signin""#), "the sign-in's latency histogram")

            // By pattern, never the concrete path.
            _ = try await client.execute(uri: "/static/admit.css", method: .get)
            let (_, after) = try await Self.metrics(client, showing: #"http_route="/static/{file}""#)
            #expect(after.contains(#"http_route="/static/{file}""#))
            #expect(!after.contains("admit.css"))
        }
    }

    /// `/metrics`, read again until it shows `line`: a request is counted once its answer is written, which the
    /// client may see a moment before.
    static func metrics(_ client: any TestClientProtocol, showing line: String) async throws -> (TestResponse, String) {
        var metrics = try await client.execute(uri: "/metrics", method: .get)
        var tries = 0
        while !String(buffer: metrics.body).contains(line), tries < 100 {
            tries += 1
            try await Task.sleep(for: .milliseconds(10))
            metrics = try await client.execute(uri: "/metrics", method: .get)
        }
        return (metrics, String(buffer: metrics.body))
    }

    @Test func aRequestThroughAnUntrustedProxyMayNotReadTheMetrics() async throws {
        let server = try Server()
        try await server.run(credentials: CredentialQueue(limit: 8), .live) { client in
            // Loopback, but forwarded for someone else by a proxy not named with --trusted-proxy.
            let forwarded = try await client.execute(uri: "/metrics", method: .get, headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.9"])
            #expect(forwarded.status == .forbidden)
            #expect(String(buffer: forwarded.body).contains("--metrics-allow"))
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .ok)
        }
    }
}
