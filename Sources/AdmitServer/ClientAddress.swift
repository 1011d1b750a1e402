import HTTPTypes
import Hummingbird

/// The client a request comes from: the connection's address, or, when that is a trusted reverse proxy, the
/// last address it added to `X-Forwarded-For` (an earlier one could be forged by the client).
struct ClientAddress: Sendable {
    let trustedProxies: Set<String>

    func of<Context: RemoteAddressRequestContext>(_ request: Request, _ context: Context) -> String {
        let peer = context.remoteAddress?.ipAddress ?? "unknown"
        guard trustedProxies.contains(peer), let forwarded = request.headers[values: HTTPField.Name("X-Forwarded-For")!].last else { return peer }
        let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces) ?? ""
        return last.isEmpty ? peer : last
    }
}
