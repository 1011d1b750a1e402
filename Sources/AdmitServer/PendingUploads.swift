import AdmitCore
import Foundation
import NIOConcurrencyHelpers

/// Rosters checked on the verify page and waiting for "Import": kept in memory only (a roster may hold
/// passwords), for 15 minutes, under a random token the page's form carries.
final class PendingUploads: Sendable {
    struct Pending: Sendable {
        var session: UUID
        var staff: UUID
        var upload: RosterUpload
        var expires: Date
    }

    private static let lifetime: TimeInterval = 15 * 60
    private static let capacity = 50
    private let uploads = NIOLockedValueBox([String: Pending]())

    func keep(_ upload: RosterUpload, session: UUID, staff: UUID) throws -> String {
        let token = try AdmitRequestContext.newToken()
        let now = Date()
        uploads.withLockedValue { uploads in
            uploads = uploads.filter { $0.value.expires > now }
            if uploads.count >= Self.capacity, let oldest = uploads.min(by: { $0.value.expires < $1.value.expires })?.key {
                uploads.removeValue(forKey: oldest)
            }
            uploads[token] = Pending(session: session, staff: staff, upload: upload, expires: now.addingTimeInterval(Self.lifetime))
        }
        return token
    }

    /// Takes the upload out (an import runs once), if it is still there and was made by this member for this session.
    func take(_ token: String, session: UUID, staff: UUID) -> RosterUpload? {
        uploads.withLockedValue { uploads in
            guard let pending = uploads[token], pending.expires > Date(), pending.session == session, pending.staff == staff else { return nil }
            uploads.removeValue(forKey: token)
            return pending.upload
        }
    }
}
