import AdmitCore
import Foundation
import Hummingbird
import ServiceLifecycle

/// Browser sessions in Admit's store instead of one process's memory, so that every server behind a load
/// balancer knows every browser and a restart signs nobody out. As a service, it deletes what has expired and
/// fails the imports whose process stopped, once a minute.
struct StorePersistDriver: PersistDriver {
    let admissions: Admissions
    var sweepInterval: Duration = .seconds(60)

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let bytes = Array(try JSONEncoder().encode(value))
        let created = try await blocking { [admissions] in
            try admissions.createWebSession(key: key, value: bytes, expiresIn: expires.map(Self.seconds))
        }
        guard created else { throw PersistError.duplicate }
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let bytes = Array(try JSONEncoder().encode(value))
        try await blocking { [admissions] in try admissions.saveWebSession(key: key, value: bytes, expiresIn: expires.map(Self.seconds)) }
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        guard let bytes = try await blocking({ [admissions] in try admissions.webSession(key: key) }) else { return nil }
        // A value an older Admit stored in another shape is no session: the browser signs in again.
        return try? JSONDecoder().decode(type, from: Data(bytes))
    }

    func remove(key: String) async throws {
        try await blocking { [admissions] in try admissions.deleteWebSession(key: key) }
    }

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: sweepInterval)
                // A sweep that fails (the database is away for a moment) is tried again at the next one.
                try? await blocking { [admissions] in
                    try admissions.deleteExpired()
                    try admissions.failAbandonedImports()
                }
            }
        }
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds) + TimeInterval(duration.components.attoseconds) / 1e18
    }
}
