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
        try runTool(
            "/usr/bin/soffice",
            [
                "-env:UserInstallation=\(profile.absoluteString)", "--headless", "--convert-to", "pdf",
                "--outdir", folder.path, workbook.path,
            ])
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

    /// Every word of every page with its box, as poppler lays the PDF out (`pdftotext -bbox`).
    func words() throws -> [[PrintedWord]] {
        let html = String(decoding: try runTool("/usr/bin/pdftotext", ["-bbox", pdf.path, "-"]), as: UTF8.self)
        return html.components(separatedBy: "<page ").dropFirst().map { page in
            page.components(separatedBy: "<word ").dropFirst().compactMap(PrintedWord.init)
        }
    }

    /// The QR codes zbarimg decodes on each page, rendered at `dpi`.
    func qrCodes(dpi: Int = 200) throws -> [[String]] {
        let folder = pdf.deletingLastPathComponent()
        return try (1...pages.count).map { page in
            let stem = folder.appendingPathComponent("qr-\(page)").path
            try runTool("/usr/bin/pdftoppm", ["-f", "\(page)", "-l", "\(page)", "-r", "\(dpi)", "-png", "-singlefile", pdf.path, stem])
            // zbarimg exits 4 when a page has no code; that page then has none.
            let output = (try? runTool("/usr/bin/zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", stem + ".png"])) ?? Data()
            return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        }
    }

    /// The first page as a PNG at `dpi`, for the samples in the README.
    func png(page: Int = 1, dpi: Int = 60, to file: URL) throws {
        let stem = file.deletingPathExtension().path
        try runTool("/usr/bin/pdftoppm", ["-f", "\(page)", "-l", "\(page)", "-r", "\(dpi)", "-png", "-singlefile", pdf.path, stem])
    }
}

/// A word on a printed page and its box in points, from the top left corner.
struct PrintedWord: CustomStringConvertible {
    let text: String
    let xMin: Double, yMin: Double, xMax: Double, yMax: Double

    /// Reads `xMin="…" yMin="…" xMax="…" yMax="…">text</word>`.
    init?(_ fragment: String) {
        func number(_ name: String) -> Double? {
            guard let start = fragment.range(of: name + "=\"") else { return nil }
            return Double(fragment[start.upperBound...].prefix { $0 != "\"" })
        }
        guard let xMin = number("xMin"), let yMin = number("yMin"), let xMax = number("xMax"), let yMax = number("yMax"),
            let open = fragment.firstIndex(of: ">"), let close = fragment.range(of: "</word>")
        else { return nil }
        (self.xMin, self.yMin, self.xMax, self.yMax) = (xMin, yMin, xMax, yMax)
        text = String(fragment[fragment.index(after: open)..<close.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    var height: Double { yMax - yMin }
    /// The type size of a word in Courier New (Liberation Mono), whose every glyph is 0.6 em wide.
    var monospacedSize: Double { (xMax - xMin) / (0.6 * Double(text.count)) }

    func overlaps(_ other: PrintedWord) -> Bool {
        xMin < other.xMax && other.xMin < xMax && yMin < other.yMax && other.yMin < yMax
    }

    var description: String { "\"\(text)\" at (\(Int(xMin)), \(Int(yMin)))–(\(Int(xMax)), \(Int(yMax)))" }
}
