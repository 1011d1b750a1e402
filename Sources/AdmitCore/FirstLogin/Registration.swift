import Foundation

/// What a first login stores on its entry.
public struct Registration: Sendable {
    public var personalUsername: String
    public var passwordHash: String
    public var genericVerifier: [UInt8]
    public var details: CandidateDetails
    public var at: Date
}
