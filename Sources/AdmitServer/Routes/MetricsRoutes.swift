import HTTPTypes
import Hummingbird
import NIOCore

/// `GET /metrics` for Prometheus. It holds no secret, but it tells how busy the centre is and which pages fail:
/// it answers this machine (loopback) and the addresses of `--metrics-allow` only, judged by the client a
/// trusted proxy names. A request that came through an untrusted proxy is refused, since its client is unknown.
struct MetricsRoutes {
    let allowed: Set<String>
    let clients: ClientAddress

    func register(on router: Router<AdmitRequestContext>) {
        router.get("/metrics") { request, context in
            guard mayRead(request, context) else {
                throw HTTPError(.forbidden, message: "Metrics are served to this machine and to the addresses given with --metrics-allow only.")
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: MetricsExport.text())))
        }
    }

    private func mayRead(_ request: Request, _ context: AdmitRequestContext) -> Bool {
        let peer = context.remoteAddress?.ipAddress ?? ""
        let client = clients.of(request, context)
        let proxied = request.headers[HTTPField.Name("X-Forwarded-For")!] != nil
        if proxied, !clients.trustedProxies.contains(peer) { return false }
        return allowed.contains(client) || Self.isLoopback(client)
    }

    static func isLoopback(_ address: String) -> Bool {
        address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127.")
    }
}
