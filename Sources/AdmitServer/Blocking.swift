import NIOCore
import NIOPosix

/// Runs Core's synchronous work (SQLite, Argon2id) off the request threads, on NIO's blocking thread pool.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}

/// Where sign-ins and registrations (which may hash with Argon2id for tens of milliseconds) run, one thread per
/// core, through a `CredentialQueue`: a wave of registrations queues there, while staff pages, the API and
/// `/healthz` keep the shared pool.
let credentialPool: NIOThreadPool = {
    let pool = NIOThreadPool(numberOfThreads: System.coreCount)
    pool.start()
    return pool
}()
