import AdmitPostgresTestTools
import AdmitTestTools
import Foundation

/// Several `admit serve` on one PostgreSQL database behind nginx, as an exam body runs them: each server started
/// with the command line of Samples/systemd/admit@.service, nginx with Samples/nginx/admit.conf (its own ports
/// and a throwaway certificate put in the lines marked "# test:"). Everything stops when the cluster goes.
final class Cluster {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Samples")

    let folder: URL
    let database: (name: String, uri: String)
    var keyFile: URL { folder.appendingPathComponent("data.key") }
    private(set) var servers: [ServerProcess] = []
    private var nginx: Process?
    /// nginx's TLS address, `https://127.0.0.1:PORT/`.
    private(set) var base = ""

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("admit-cluster-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try TestPostgres.createDatabase()
        try admit(["key", "generate", "--out", keyFile.path], database: false)
    }

    deinit {
        for server in servers { server.kill() }
        // SIGTERM: nginx's master stops its workers too (SIGKILL would leave them running).
        if let nginx, nginx.isRunning {
            nginx.terminate()
            nginx.waitUntilExit()
        }
        try? TestPostgres.dropDatabase(database.name)
        try? FileManager.default.removeItem(at: folder)
    }

    func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// Runs `admit ARGUMENTS` on the cluster's database with its key; its stdout.
    @discardableResult
    func admit(_ arguments: [String], input: String? = nil, database: Bool = true) throws -> String {
        let options = database ? ["--db", self.database.uri, "--key-file", keyFile.path] : []
        return String(decoding: try runTool(Site.admit.path, arguments + options, input: input.map { Data($0.utf8) }), as: UTF8.self)
    }

    /// GB042's session "June Maths" with `count` generic logins; the session's id and the slips.
    func seed(entries count: Int) throws -> (session: String, slips: [Slip]) {
        let session = try Site.juneMaths { try admit($0) }
        var slips: [Slip] = []
        // A batch holds at most 500.
        for start in stride(from: 0, to: count, by: 500) {
            let csv = file("slips-\(start).csv")
            try admit(["entries", "add", session, "--count", String(min(500, count - start)), "--csv", csv.path])
            slips += try Site.slips(csv)
        }
        return (session, slips)
    }

    // MARK: The servers

    /// Starts `count` servers as the systemd unit does, then nginx in front of them.
    func start(servers count: Int) throws {
        let unit = try String(contentsOf: Self.samples.appendingPathComponent("systemd/admit@.service"), encoding: .utf8)
        guard let execStart = unit.split(separator: "\n").first(where: { $0.hasPrefix("ExecStart=") }) else {
            throw ToolError("the systemd sample has no ExecStart line")
        }
        let words = execStart.dropFirst("ExecStart=".count).split(separator: " ").map(String.init)
        let environment = ["ADMIT_DB": database.uri, "ADMIT_KEY_FILE": keyFile.path]
        for index in 0..<count {
            let port = try Self.freePort()
            // The unit's arguments, with the instance's port for %i; `--port 0` is not how the unit runs.
            let arguments = words.dropFirst().map { $0.replacingOccurrences(of: "%i", with: String(port)) }
            servers.append(try ServerProcess(arguments: arguments, environment: environment, log: file("serve-\(index).log"), folder: folder))
        }
        try startNginx()
    }

    private func startNginx() throws {
        let key = file("tls.key")
        let certificate = file("tls.crt")
        try runTool(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", certificate.path,
                "-days", "1", "-subj", "/CN=127.0.0.1",
            ])
        let port = try Self.freePort()
        let plainPort = try Self.freePort()
        var lines: [String] = []
        for line in try String(contentsOf: Self.samples.appendingPathComponent("nginx/admit.conf"), encoding: .utf8).components(separatedBy: "\n") {
            let indent = String(line.prefix { $0 == " " })
            if line.hasSuffix("# test: servers") {
                lines += servers.map { "\(indent)server 127.0.0.1:\($0.port) max_fails=1 fail_timeout=10s;" }
            } else if line.hasSuffix("# test: listen") {
                lines.append("\(indent)listen 127.0.0.1:\(port) ssl http2;")
            } else if line.hasSuffix("# test: plain") {
                lines.append("\(indent)listen 127.0.0.1:\(plainPort);")
            } else if line.hasSuffix("# test: certificate") {
                lines.append("\(indent)ssl_certificate \(certificate.path);")
            } else if line.hasSuffix("# test: key") {
                lines.append("\(indent)ssl_certificate_key \(key.path);")
            } else if line.hasPrefix("    server 127.0.0.1:") {
                continue  // the sample's second server line: the test's servers replace both
            } else {
                lines.append(line)
            }
        }
        try lines.joined(separator: "\n").write(to: file("admit.conf"), atomically: true, encoding: .utf8)
        // What Debian's /etc/nginx/nginx.conf gives the site, in a folder of the test's own.
        for name in ["client", "proxy", "fastcgi", "uwsgi", "scgi"] {
            try FileManager.default.createDirectory(at: file("nginx-\(name)"), withIntermediateDirectories: true)
        }
        try """
        pid \(file("nginx.pid").path);
        error_log \(file("nginx-error.log").path) warn;
        worker_processes 2;
        events { worker_connections 1024; }
        http {
            access_log \(file("nginx-access.log").path);
            client_body_temp_path \(file("nginx-client").path);
            proxy_temp_path \(file("nginx-proxy").path);
            fastcgi_temp_path \(file("nginx-fastcgi").path);
            uwsgi_temp_path \(file("nginx-uwsgi").path);
            scgi_temp_path \(file("nginx-scgi").path);
            include \(file("admit.conf").path);
        }
        """.write(to: file("nginx.conf"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = ["-p", folder.path, "-c", file("nginx.conf").path, "-g", "daemon off;" + (getuid() == 0 ? " user root;" : "")]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: touch(file("nginx.out")))
        try process.run()
        nginx = process
        base = "https://127.0.0.1:\(port)/"
        try ServerProcess.waitForPort(port, while: { process.isRunning }, what: "nginx", log: file("nginx.out"))
    }

    private func touch(_ file: URL) -> URL {
        FileManager.default.createFile(atPath: file.path, contents: nil)
        return file
    }

    /// A loopback port nothing listens on now (the kernel's pick, released at once).
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw ToolError("no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs browser/cluster.py in `mode` with the cluster's addresses and `data`; what its clients were shown.
    func scenario<Seen: Decodable>(_ mode: String, _ data: [String: Any], as: Seen.Type = Seen.self) throws -> Seen {
        var argument = data
        argument["mode"] = mode
        argument["base"] = base
        argument["servers"] = servers.map(\.base)
        let json = String(decoding: try JSONSerialization.data(withJSONObject: argument), as: UTF8.self)
        let printed = try runTool("/usr/bin/python3", ["-B", Site.scenarios.appendingPathComponent("cluster.py").path, json])
        do {
            return try JSONDecoder().decode(Seen.self, from: printed)
        } catch {
            throw ToolError(
                "cluster.py \(mode) printed what the test cannot read (\(error)): \(String(decoding: printed, as: UTF8.self).prefix(2000))")
        }
    }

    /// The whole database as pg_dump writes it, to look for what must not be there.
    func dump() throws -> String {
        String(decoding: try runTool("/usr/bin/pg_dump", ["--data-only", database.uri]), as: UTF8.self)
    }
}

/// One `admit serve`, its output in a log file.
final class ServerProcess {
    let process = Process()
    let port: Int
    let log: URL
    var base: String { "http://127.0.0.1:\(port)/" }
    var pid: Int32 { process.processIdentifier }

    init(arguments: [String], environment: [String: String], log: URL, folder: URL) throws {
        self.log = log
        guard let portIndex = arguments.firstIndex(of: "--port"), portIndex + 1 < arguments.count, let port = Int(arguments[portIndex + 1]) else {
            throw ToolError("the server's arguments name no port: \(arguments)")
        }
        self.port = port
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        process.executableURL = Site.admit
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        // A file, not a pipe: the request log must never fill a buffer nobody reads.
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try Self.waitForPort(port, while: { [process] in process.isRunning }, what: "admit serve", log: log)
    }

    /// Waits until something accepts connections on the loopback `port`.
    static func waitForPort(_ port: Int, while running: () -> Bool, what: String, log: URL) throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(socket)
            if connected { return }
            guard running() else {
                throw ToolError("\(what) exited: \(((try? String(contentsOf: log, encoding: .utf8)) ?? "").suffix(1000))")
            }
            usleep(50_000)
        }
        throw ToolError("\(what) did not listen on \(port) within 30 s")
    }

    /// SIGKILL: the server dies at once, mid-request, as a crashed machine would.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }
}
