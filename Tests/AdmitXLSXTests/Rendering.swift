import AdmitTestTools
import Foundation

/// What a printed workbook looks like: LibreOffice (headless) turns it into a PDF, poppler reads it back.
struct PrintedPages {
    let pdf: URL
    let pages: [String]

    /// Converts `workbook` to PDF in its folder, with a LibreOffice profile of its own so tests can run at once.
    init(of workbook: URL) throws {
        let folder = workbook.deletingLastPathComponent()
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("admit-lo-\(UUID())")
        defer { try? FileManager.default.removeItem(at: profile) }
        try runTool("/usr/bin/soffice", ["-env:UserInstallation=\(profile.absoluteString)", "--headless", "--convert-to", "pdf",
                                     "--outdir", folder.path, workbook.path])
        let pdf = workbook.deletingPathExtension().appendingPathExtension("pdf")
        self.pdf = pdf
        // soffice exits 0 even when it converted nothing: the PDF must be there.
        guard FileManager.default.fileExists(atPath: pdf.path) else { throw ToolError("LibreOffice made no PDF of \(workbook.path)") }
        let info = String(decoding: try runTool("/usr/bin/pdfinfo", [pdf.path]), as: UTF8.self)
        let count = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        pages = try (1...max(count, 1)).map { page in
            String(decoding: try runTool("/usr/bin/pdftotext", ["-layout", "-f", "\(page)", "-l", "\(page)", pdf.path, "-"]), as: UTF8.self)
        }
    }

    /// The first page as a PNG at `dpi`, for the samples in the README.
    func png(page: Int = 1, dpi: Int = 60, to file: URL) throws {
        let stem = file.deletingPathExtension().path
        try runTool("/usr/bin/pdftoppm", ["-f", "\(page)", "-l", "\(page)", "-r", "\(dpi)", "-png", "-singlefile", pdf.path, stem])
    }
}
