import AdmitTestTools
import Foundation
import Testing

/// A full disk is one sentence naming the file, and the batch whose file could not be written is not kept.
@Suite struct DiskFullTests {
    @Test func aCredentialFileOnAFullDiskIsOneSentenceAndNoBatch() throws {
        let cli = try CLI()
        try cli.setUp()
        let full = cli.file("full")
        try FileManager.default.createDirectory(at: full, withIntermediateDirectories: true)
        let target = full.appendingPathComponent("logins.csv")
        // A 16 KiB file system of its own, filled up, in a mount namespace only this command sees.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = [
            "--user", "--map-root-user", "--mount", "sh", "-c",
            #"mount -t tmpfs -o size=16k tmpfs "$1" && (head -c 65536 /dev/zero > "$1/fill" 2>/dev/null; exec "$2" entries add "June Maths" --count 50 --csv "$3" --db "$4")"#,
            "sh", full.path, CLI.binary.path, target.path, cli.db.path,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "ADMIT_DATA_KEY")
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr == "admit: cannot write \(target.path): the disk is full; free some space and try again\n", "\(stderr)")
        #expect(try cli.entryCount() == 0)
    }
}
