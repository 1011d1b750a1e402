// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Admit",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "admit", targets: ["admit"]),
        .library(name: "AdmitCore", targets: ["AdmitCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
    ],
    targets: [
        // C libraries from Debian packages, found with pkg-config.
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CLibCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CArgon2", pkgConfig: "libargon2", providers: [.apt(["libargon2-dev"])]),
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // zlib compresses the QR codes' PNG images.
        .systemLibrary(name: "CLibZ", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // libpq, PostgreSQL's client library, for the PostgreSQL store.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),

        .target(name: "AdmitCrypto", dependencies: ["CLibCrypto", "CArgon2"]),
        .target(
            name: "AdmitCore", dependencies: ["AdmitCrypto", .product(name: "Metrics", package: "swift-metrics")],
            resources: [.copy("Resources/common-passwords.txt"), .copy("Resources/common-passwords.LICENSE.txt")]),
        .target(name: "AdmitSQLite", dependencies: ["AdmitCore", .product(name: "GRDB", package: "GRDB.swift")]),
        // The CSV files Admit writes (roster, report, plain tables) and the columns the workbooks share; no libxlsxwriter.
        .target(name: "AdmitCSV", dependencies: ["AdmitCore"]),
        .target(name: "AdmitXLSX", dependencies: ["CXLSXWriter", "CQREncode", "CLibZ", "AdmitCore", "AdmitCrypto", "AdmitCFB", "AdmitCSV"]),
        .target(name: "AdmitCFB"),
        // libpq wrapped for Swift: connections, binary values and results, SQLSTATE errors, a pool with retried
        // transactions; and over it, in Store/, the PostgreSQL store (its pool's figures through swift-metrics).
        .target(
            name: "AdmitPostgres",
            dependencies: ["CLibPQ", "AdmitCore", .product(name: "Metrics", package: "swift-metrics")]),
        // Reads rosters from CSV, XLSX and pasted rows; independent of libxlsxwriter and of Core.
        .target(name: "AdmitTables", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // `admit serve`: candidate pages, staff pages and the JSON API over the same Core operations.
        .target(
            name: "AdmitServer",
            dependencies: [
                "AdmitCore", "AdmitCrypto", "AdmitCSV", "AdmitXLSX", "AdmitTables",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Templates"), .copy("Strings"), .copy("Static"), .copy("openapi.json")]),
        .executableTarget(
            name: "admit",
            dependencies: [
                "AdmitCore", "AdmitCrypto", "AdmitSQLite", "AdmitPostgres", "AdmitCSV", "AdmitXLSX", "AdmitTables", "AdmitServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // `make bench`: first-login throughput measured in-process (a process per registration would time start-up).
        .executableTarget(name: "AdmitBench", dependencies: ["AdmitCore", "AdmitCrypto", "AdmitSQLite"]),

        // What the tests run to look at Admit's output from outside (python3, LibreOffice, poppler).
        .target(name: "AdmitTestTools", path: "Tests/AdmitTestTools"),
        // PostgreSQL for tests: a database of its own for each, on the cluster Tests/with-postgres.sh starts
        // (ADMIT_TEST_POSTGRES); the `.postgres` trait skips them without one, fails them on CI.
        .target(name: "AdmitPostgresTestTools", dependencies: ["AdmitPostgres"], path: "Tests/AdmitPostgresTestTools"),
        .testTarget(name: "AdmitCryptoTests", dependencies: ["AdmitCrypto", "AdmitTestTools"]),
        .testTarget(name: "AdmitCoreTests", dependencies: ["AdmitCore", "AdmitCrypto"]),
        .testTarget(
            name: "AdmitStoreTests",
            dependencies: [
                "AdmitCore", "AdmitCrypto", "AdmitSQLite", "AdmitPostgres", "AdmitPostgresTestTools",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(name: "AdmitPostgresTests", dependencies: ["AdmitPostgres", "AdmitPostgresTestTools"]),
        .testTarget(name: "AdmitXLSXTests", dependencies: ["AdmitXLSX", "AdmitCSV", "AdmitCore", "AdmitCrypto", "AdmitTestTools"]),
        .testTarget(name: "AdmitCFBTests", dependencies: ["AdmitCFB", "AdmitTestTools"]),
        // ZIPFoundation: FuzzInput.swift, shared with the fuzz targets in Fuzz/, builds workbooks from fuzz inputs.
        .testTarget(
            name: "AdmitTablesTests",
            dependencies: ["AdmitTables", "AdmitTestTools", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "AdmitCLITests", dependencies: ["admit", "AdmitTestTools"]),
        // Headless Chromium drives `admit serve` as candidates and staff would; the Selenium scenarios in browser/
        // are run by Debian's python3 from the source tree.
        .testTarget(name: "AdmitBrowserTests", dependencies: ["admit", "AdmitTestTools", "AdmitPostgresTestTools"], exclude: ["browser"]),
        .testTarget(
            name: "AdmitServerTests",
            dependencies: [
                "AdmitServer", "AdmitCore", "AdmitCrypto", "AdmitSQLite", "AdmitTestTools",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]),
    ]
)
