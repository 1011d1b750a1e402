import AdmitTables
import AdmitTestTools
import Foundation
import Testing

/// Workbooks as LibreOffice Calc writes them: a CSV converted headless, then read back.
@Suite struct LibreOfficeTests {
    /// Converts `csv` (UTF-8) to XLSX with LibreOffice, with a profile of its own so tests can run at once.
    private func libreOfficeWorkbook(fromCSV csv: String) throws -> Data {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("roster.csv")
        try Data(csv.utf8).write(to: input)
        let profile = folder.appendingPathComponent("profile", isDirectory: true)
        // CSV:44,34,76,1 = comma, double quote, UTF-8, from line 1.
        try runTool(
            "/usr/bin/soffice",
            [
                "-env:UserInstallation=\(profile.absoluteString)", "--headless",
                "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                "--outdir", folder.path, input.path,
            ])
        // soffice exits 0 even when it converted nothing: the workbook must be there.
        return try Data(contentsOf: folder.appendingPathComponent("roster.xlsx"))
    }

    @Test func namesDatesAndNumbersReadAsTheSpreadsheetShowsThem() throws {
        let workbook = try libreOfficeWorkbook(
            fromCSV: """
                Given Name,Family Name,Date of Birth,Student ID,Code
                Zoë,O'Brien,2008-05-31,10442,007
                Łukasz,"Nowak-Kowalski, Jr.",2009-01-15,10443,1.5

                李,小龍,2008-12-01,123456789012345,
                """)
        let (table, format) = try TableReader.read(workbook)
        #expect(format == .xlsx)
        #expect(table.header == ["Given Name", "Family Name", "Date of Birth", "Student ID", "Code"])
        #expect(table.rows.map(\.number) == [2, 3, 5])
        #expect(
            table.rows.map { Array($0.cells.prefix(4)) } == [
                ["Zoë", "O'Brien", "2008-05-31", "10442"],
                ["Łukasz", "Nowak-Kowalski, Jr.", "2009-01-15", "10443"],
                ["李", "小龍", "2008-12-01", "123456789012345"],
            ])
        // LibreOffice turns "007" into the number 7 (a user who wants it kept writes it as text); no ".0" either way.
        #expect(["7", "007"].contains(table.rows[0].cells[4]))
        #expect(table.rows[1].cells[4] == "1.5")
        #expect(table.rows[2].cells[4] == "")
    }
}
