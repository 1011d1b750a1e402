import Foundation
import Testing

/// Replays the fuzzers' seeds and every input they ever crashed on (Fuzz/), fed to the readers the way the fuzz
/// targets feed them: each must read or throw a TableError.
@Suite struct FuzzRegressionTests {
    static let inputs: [URL] = {
        let fuzz = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fuzz")
            .standardized
        return ["regressions", "corpus-csv", "corpus-xlsx"].flatMap { folder in
            let files = try? FileManager.default.contentsOfDirectory(
                at: fuzz.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            return (files ?? []).filter { !$0.lastPathComponent.hasPrefix(".") }
        }.sorted { $0.path < $1.path }
    }()

    @Test func thereAreInputsToReplay() {
        #expect(Self.inputs.count >= 8)
    }

    @Test(arguments: inputs)
    func readersNeitherCrashNorThrowAnythingElse(_ input: URL) throws {
        let data = try Data(contentsOf: input)
        #expect(FuzzInput.text(data) == [])
        #expect(FuzzInput.workbook(data) == [])
    }
}
