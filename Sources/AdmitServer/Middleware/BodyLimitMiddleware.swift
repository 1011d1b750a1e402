import Hummingbird

/// Caps every request body: a declared length over the cap is refused at once (413), and every body read
/// stops at the cap.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AdmitRequestContext
    let maxSize: Int
    /// The larger cap of roster uploads (paths ending in `/import`).
    let maxUploadSize: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let maxSize = request.uri.path.hasSuffix("/import") ? maxUploadSize : self.maxSize
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxSize {
            throw PageError(.contentTooLarge, .requestTooLarge(limit: maxSize >= 1 << 20 ? "\(maxSize >> 20) MiB" : "\(maxSize >> 10) KiB"))

        }
        var context = context
        context.maxUploadSize = maxSize
        return try await next(request, context)
    }
}
