import NIOCore
import NIOPosix

/// Runs Core's synchronous work (SQLite, Argon2id) off the request threads, on NIO's blocking thread pool.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}

/// Runs a sign-in or a registration (which may hash with Argon2id for tens of milliseconds) on a pool of its
/// own, one thread per core: a wave of registrations queues there, while staff pages, the API and `/healthz`
/// keep the shared pool.
func credentialWork<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await credentialPool.runIfActive(body)
}

private let credentialPool: NIOThreadPool = {
    let pool = NIOThreadPool(numberOfThreads: System.coreCount)
    pool.start()
    return pool
}()
