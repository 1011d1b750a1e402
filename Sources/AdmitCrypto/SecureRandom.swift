import CLibCrypto
import Foundation

/// A source of random bytes. Production code uses `SecureRandom`; tests may inject a fixed sequence.
public protocol RandomSource: Sendable {
    func fill(_ buffer: UnsafeMutableRawBufferPointer) throws
}

/// OpenSSL's CSPRNG (`RAND_bytes`).
public struct SecureRandom: RandomSource {
    public init() {}

    public func fill(_ buffer: UnsafeMutableRawBufferPointer) throws {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        guard RAND_bytes(base.assumingMemoryBound(to: UInt8.self), Int32(buffer.count)) == 1 else {
            throw CryptoError.openSSL("RAND_bytes")
        }
    }
}

extension RandomSource {
    public func bytes(_ count: Int) throws -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        try result.withUnsafeMutableBytes { try fill($0) }
        return result
    }

    /// A random (version 4) UUID from this source; Foundation's `UUID()` opens /dev/urandom on every call.
    public func uuid() throws -> UUID {
        var bytes = try self.bytes(16)
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    /// `count` integers uniform in `0..<bound` (bound ≤ 256), by rejection sampling: a byte at or above the
    /// largest multiple of `bound` is thrown away, so no value is more likely than another (no modulo bias).
    public func uniformIndices(count: Int, below bound: Int) throws -> [Int] {
        precondition((2...256).contains(bound), "bound must be in 2...256")
        let limit = 256 - 256 % bound
        var result: [Int] = []
        result.reserveCapacity(count)
        while result.count < count {
            let missing = count - result.count
            // Ask for a little more than needed so one call usually suffices.
            for byte in try bytes(missing + missing / 4 + 4) where Int(byte) < limit {
                result.append(Int(byte) % bound)
                if result.count == count { break }
            }
        }
        return result
    }
}
