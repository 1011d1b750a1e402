import AdmitCSV
import AdmitCore
import AdmitXLSX
import Foundation
import HTTPTypes
import Hummingbird

/// A credential file made for one answer: written by Core (0600, audited) into a private temporary folder,
/// read back, and deleted before the answer leaves.
struct Download {
    enum Format: String {
        case xlsx, csv

        var contentType: String {
            switch self {
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case .csv: "text/csv; charset=utf-8"
            }
        }
    }

    /// One of the files the staff page offers.
    struct File: Sendable {
        var value: String
        var label: String
        var format: Format
        var layouts: [SheetLayout]
    }

    /// The staff page's one "File" list: only the combinations that exist (a CSV holds the roster only), so no
    /// choice made on the page is refused. The values are the downloaded file's ending.
    static let files = [
        File(value: "slips.xlsx", label: "Slips to cut out (Excel)", format: .xlsx, layouts: [.slips]),
        File(value: "roster.xlsx", label: "Roster table (Excel)", format: .xlsx, layouts: [.roster]),
        File(value: "roster-slips.xlsx", label: "Roster and slips (Excel)", format: .xlsx, layouts: [.roster, .slips]),
        File(value: "roster.csv", label: "Roster (CSV)", format: .csv, layouts: [.roster]),
    ]

    var format: Format
    var layouts: [SheetLayout]

    /// Reads the API's `format` and `layout` (`roster`, `slips` or `both`).
    init(format: String?, layout: String?) throws {
        guard let format = Format(rawValue: (format ?? "xlsx").lowercased()) else {
            throw AdmitError(.invalidInput, .notADownloadFormat(format ?? ""))
        }
        guard let layouts = Self.layouts(layout) else {
            throw AdmitError(.invalidInput, .notADownloadLayout(layout ?? ""))
        }
        if format == .csv, layouts != [.roster] {
            throw AdmitError(.invalidInput, .slipsNotInCSV(choosingFile: false))
        }
        self.init(format: format, layouts: layouts)
    }

    private init(format: Format, layouts: [SheetLayout]) {
        self.format = format
        self.layouts = layouts
    }

    /// Reads the staff page's `file`, or, from a form made by hand (curl, a script), `format` and `layout` as the
    /// API takes them. A refusal names the page's "File" list, so the page can show it there.
    init(file: String?, format: String?, layout: String?) throws {
        if let file {
            guard let chosen = Self.files.first(where: { $0.value == file }) else {
                throw AdmitError(.invalidInput, .notADownloadFile(file), field: .file)
            }
            self.init(format: chosen.format, layouts: chosen.layouts)
            return
        }
        do {
            try self.init(format: format, layout: layout)
        } catch let refusal as AdmitError {
            let slipsAsCSV = Format(rawValue: (format ?? "").lowercased()) == .csv && Self.layouts(layout).map { $0 != [.roster] } == true
            throw AdmitError(refusal.kind, slipsAsCSV ? .slipsNotInCSV(choosingFile: true) : .notADownloadChoice, field: .file)
        }
    }

    /// The API's `layout` (any case): the sheets a file holds.
    enum Layout: String {
        case roster, slips, both
        case rosterAndSlips = "roster,slips"

        var sheets: [SheetLayout] {
            switch self {
            case .roster: [.roster]
            case .slips: [.slips]
            case .both, .rosterAndSlips: [.roster, .slips]
            }
        }
    }

    private static func layouts(_ text: String?) -> [SheetLayout]? {
        Layout(rawValue: (text ?? "roster").lowercased())?.sheets
    }

    /// Exports the entries `filter` selects and answers with the file as an attachment.
    func response(_ admissions: Admissions, session: TestSession, filter: EntryFilter) async throws -> Response {
        try await response(session: session) { requests in try admissions.export(session: session, filter: filter, to: requests).count }
    }

    /// Answers with the file Core writes through `write` (an export, or a reset's new slips), which returns how
    /// many entries the file holds.
    func response(session: TestSession, write: @escaping @Sendable ([CredentialFileRequest]) throws -> Int) async throws -> Response {
        let stem = session.name.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }.prefix(60)
        let name = "\(stem.isEmpty ? "session" : String(stem))-\(layouts.map(\.rawValue).joined(separator: "-")).\(format.rawValue)"
        let (data, count) = try await blocking { [self] in try make(name: name, write: write) }
        var response = Self.attachment(data, name: name, type: format.contentType)
        response.headers[HTTPField.Name("X-Admit-Entries")!] = String(count)
        return response
    }

    /// A file answer that the browser saves, never caches.
    static func attachment(_ data: Data, name: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Written under the download's own name, which the audit record then shows.
    private func make(name: String, write: ([CredentialFileRequest]) throws -> Int) throws -> (Data, Int) {
        try TemporaryFolder.use { directory in
            let target = directory.appendingPathComponent(name)
            let layouts = self.layouts
            let request =
                switch format {
                case .xlsx:
                    CredentialFileRequest(target: target) { heading, measure, path in
                        try CredentialWorkbook(path: path, heading: heading, measure: measure, layouts: layouts)
                    }
                case .csv: CredentialFileRequest(target: target) { _, _, path in try RosterCSV(path: path) }
                }
            let count = try write([request])
            return (try Data(contentsOf: target), count)
        }
    }
}

/// A private (0700) folder for one answer's file, removed when the answer is made.
enum TemporaryFolder {
    static func use<T>(_ body: (URL) throws -> T) throws -> T {
        var template = Array(FileManager.default.temporaryDirectory.appendingPathComponent("admit-download-XXXXXX").path.utf8CString)
        guard let folder = mkdtemp(&template) else { throw AdmitError(.storage, .noTemporaryFolder) }
        let directory = URL(fileURLWithPath: String(cString: folder))
        defer { try? FileManager.default.removeItem(at: directory) }
        return try body(directory)
    }
}
