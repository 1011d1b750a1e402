import NIOPosix

/// Runs Core's synchronous work (SQLite, Argon2id) on NIO's blocking thread pool, so request threads never
/// wait on a hash or a lock.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}
