import AdmitCrypto
import Testing

/// Pearson's chi-square statistic of `counts` against a uniform distribution.
func chiSquare(_ counts: [Int]) -> Double {
    let expected = Double(counts.reduce(0, +)) / Double(counts.count)
    return counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
}

/// The 1 − 10⁻⁶ quantile of the chi-square distribution with 30 degrees of freedom (31 symbols):
/// a fair generator fails this test once in a million runs.
let chiSquareLimit30 = 82.04

@Suite struct SecureRandomTests {
    @Test func symbolsAreUniformOverTheAlphabet() throws {
        let indices = try SecureRandom().uniformIndices(count: 310_000, below: 31)
        var counts = [Int](repeating: 0, count: 31)
        for index in indices { counts[index] += 1 }
        #expect(chiSquare(counts) < chiSquareLimit30, "counts: \(counts)")
    }

    @Test func theTestCatchesModuloBias() throws {
        // A byte taken modulo 31 without rejection favours 0...7 (9/256 against 8/256).
        var counts = [Int](repeating: 0, count: 31)
        for byte in try SecureRandom().bytes(310_000) { counts[Int(byte) % 31] += 1 }
        #expect(chiSquare(counts) > chiSquareLimit30)
    }

    @Test func bytesAtOrAboveTheLastFullCycleAreRejected() throws {
        // 248 = 8 × 31: bytes 248...255 would bias the result, so they are skipped, not folded.
        let source = ScriptedRandom([255, 248, 0, 31, 247, 200, 100, 50, 10])
        #expect(try source.uniformIndices(count: 3, below: 31) == [0, 0, 30])
    }
}

/// Returns the given bytes in order, then zeros.
final class ScriptedRandom: RandomSource, @unchecked Sendable {
    private var bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func fill(_ buffer: UnsafeMutableRawBufferPointer) throws {
        for index in buffer.indices {
            buffer[index] = bytes.isEmpty ? 0 : bytes.removeFirst()
        }
    }
}
