import AdmitCFB
import Foundation
import Testing

@Suite struct BadInputTests {
    private func readError(_ data: Data) -> CFBError? {
        do {
            _ = try CompoundFileReader(data: data)
            return nil
        } catch {
            return error as? CFBError
        }
    }

    private func isOneSentence(_ message: String) -> Bool {
        message.hasSuffix(".") && !message.contains("\n") && !message.dropLast().contains(". ")
    }

    @Test func randomBytesAreNotACompoundFile() throws {
        var generator = SystemRandomNumberGenerator()
        let random = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let error = try #require(readError(random))
        #expect(error == .notCompoundFile)
        #expect(error.description.contains("not a Compound File Binary"))
        #expect(isOneSentence(error.description))
        #expect(readError(Data()) == .notCompoundFile)
    }

    @Test func garbageAfterTheSignatureIsRefused() throws {
        for seed in 1...20 as ClosedRange<UInt64> {
            let data = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + pattern(4096, seed: seed)
            let error = try #require(readError(data))
            #expect(isOneSentence(error.description))
        }
    }

    @Test(arguments: [0.5, 0.99])
    func truncatedFileIsRefused(keeping fraction: Double) throws {
        let file = try compoundFile(officeShapedStreams(packageSize: 100_000)).data()
        let cut = file.prefix(Int(Double(file.count) * fraction))
        let error = try #require(readError(cut))
        guard case .truncated(let needed, let actual) = error else {
            Issue.record("expected a truncated file, got: \(error)")
            return
        }
        #expect(actual == cut.count && needed > actual)
        #expect(error.description.hasPrefix("This compound file is truncated"))
        #expect(isOneSentence(error.description))
        #expect(readError(file.prefix(300)) == .truncated(needed: 512, actual: 300))
    }

    @Test func loopingDirectoryChainIsRefused() throws {
        var file = try compoundFile(officeShapedStreams(packageSize: 10)).data()
        // Point the directory's first sector at itself in the FAT ([MS-CFB] 2.3).
        let directory = headerField(file, at: 48)
        let fatSector = headerField(file, at: 76)
        let entry = 512 * (Int(fatSector) + 1) + 4 * Int(directory)
        file.replaceSubrange(entry..<entry + 4, with: withUnsafeBytes(of: directory.littleEndian, Array.init))
        let error = try #require(readError(file))
        #expect(error == .chainLoops("the directory"))
        #expect(isOneSentence(error.description))
    }

    @Test func writerRefusesNamesLongerThan31Units() throws {
        let long = String(repeating: "N", count: 32)
        #expect(throws: CFBError.nameTooLong(name: long, units: 32)) {
            try CompoundFile([.stream(long, Data())]).data()
        }
        #expect(throws: CFBError.nameTooLong(name: long, units: 32)) {
            try CompoundFile([.storage("\u{06}DataSpaces", [.storage(long, [])])]).data()
        }
        let error = CFBError.nameTooLong(name: long, units: 32)
        #expect(error.description == "The name \"\(long)\" is 32 UTF-16 code units long; compound file names allow at most 31.")
        _ = try CompoundFile([.stream(String(repeating: "N", count: 31), Data())]).data()
    }

    @Test func writerRefusesOtherBadNames() {
        #expect(throws: CFBError.illegalCharacter(name: "a/b", character: "/")) {
            try CompoundFile([.stream("a/b", Data())]).data()
        }
        #expect(throws: CFBError.emptyName(path: "Outer")) {
            try CompoundFile([.storage("Outer", [.stream("", Data())])]).data()
        }
        #expect(throws: CFBError.duplicateName(name: "VERSION", storage: "Root Entry")) {
            try CompoundFile([.stream("Version", Data()), .stream("VERSION", Data())]).data()
        }
    }

    @Test func missingFileIsOneSentence() {
        let url = temporaryFile("missing.cfb")
        #expect {
            try CompoundFileReader(url: url)
        } throws: { error in
            guard case .cannotRead(let path, _) = error as? CFBError else { return false }
            return path == url.path && "\(error)".hasSuffix(": No such file or directory.") && isOneSentence("\(error)")
        }
    }
}
