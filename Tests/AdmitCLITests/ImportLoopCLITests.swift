import AdmitTestTools
import Foundation
import Testing

/// The rows of a CSV file Admit wrote (UTF-8 with a byte-order mark), as Python's csv module reads them.
func csvRows(_ file: URL) throws -> [[String]] {
    let json = try python3(
        """
        import csv, json, sys
        with open(sys.argv[1], encoding="utf-8-sig", newline="") as f: print(json.dumps(list(csv.reader(f))))
        """, [file.path])
    return try JSONDecoder().decode([[String]].self, from: json)
}

/// Sets one cell of a CSV file, found by its heading and the value in its first column, as a spreadsheet program
/// would save it again.
func editCSV(_ file: URL, row first: String, heading: String, to value: String) throws {
    try python3(
        """
        import csv, sys
        path, first, heading, value = sys.argv[1:]
        with open(path, encoding="utf-8-sig", newline="") as f: rows = list(csv.reader(f))
        column = rows[0].index(heading)
        for row in rows:
            if row[0] == first: row[column] = value
        with open(path, "w", encoding="utf-8-sig", newline="") as f: csv.writer(f).writerows(rows)
        """, [file.path, first, heading, value])
}

/// A coordinator imports, corrects the error file and imports it again, twice: the columns Admit wrote come back
/// in and are never copied into the next job's files.
@Suite struct ImportLoopCLITests {
    @Test func theErrorFileCorrectedAndImportedAgainNeverGrowsASecondErrorColumn() throws {
        let cli = try CLI()
        try cli.setUp()
        let header = ["Candidate Number", "Given Name", "Family Name", "Email"]
        try excelCSV([header, ["1", "Ann", "Lee", "ann@example.org"], ["2", "Bob", "Ray", "bob@"], ["3", "Cy", "Orr", "cy@"]])
            .write(to: cli.file("class.csv"))

        /// Imports `file`, writes the job's files, and returns its counts and where its files are.
        func importAndCollect(_ file: String) throws -> (counts: ImportJSON.Counts, errors: URL, completed: URL) {
            let report = try cli.json(["import", "June Maths", file], as: ImportJSON.self)
            let job = try #require(report.job)
            let folder = "files-\(job.id.prefix(8))"
            try cli.expectSuccess(["import", "files", String(job.id.prefix(8)), "--out", folder])
            let stem = "\(folder)/import-\(job.id.prefix(8))"
            return (report.counts, cli.file("\(stem)-errors.csv"), cli.file("\(stem)-completed.csv"))
        }

        let first = try importAndCollect("class.csv")
        #expect(first.counts == .init(new: 1, updated: 0, unchanged: 0, errors: 2))
        let firstErrors = try csvRows(first.errors)
        #expect(firstErrors[0] == header + ["Entry GUID", "Error"])

        try editCSV(first.errors, row: "2", heading: "Email", to: "bob@example.org")
        let second = try importAndCollect(first.errors.path)
        #expect(second.counts == .init(new: 1, updated: 0, unchanged: 1, errors: 1))
        let secondErrors = try csvRows(second.errors)
        #expect(secondErrors[0] == header + ["Entry GUID", "Error"])
        // Only the current error: Ann's row (unchanged) and Bob's (created now) have none.
        #expect(secondErrors.dropFirst().map { $0[5] } == ["", "", "\"cy@\" does not look like an e-mail address"])
        let secondCompleted = try csvRows(second.completed)
        #expect(secondCompleted[0] == header + ["Entry GUID", "Username", "Password", "Result"])
        #expect(secondCompleted.dropFirst().map { [$0[1], $0[7]] } == [["Ann", "unchanged"], ["Bob", "created"]])

        try editCSV(second.errors, row: "3", heading: "Email", to: "cy@example.org")
        let third = try importAndCollect(second.errors.path)
        #expect(third.counts == .init(new: 1, updated: 0, unchanged: 2, errors: 0))
        let thirdErrors = try csvRows(third.errors)
        #expect(thirdErrors[0] == header + ["Entry GUID", "Error"])
        #expect(thirdErrors.dropFirst().allSatisfy { $0.count == 6 && $0[5].isEmpty && !$0[4].isEmpty })

        // The completed file, imported again as it is (its Username, Password and Result columns included), changes nothing.
        let again = try importAndCollect(third.completed.path)
        #expect(again.counts == .init(new: 0, updated: 0, unchanged: 3, errors: 0))
        #expect(try csvRows(again.completed)[0] == header + ["Entry GUID", "Username", "Password", "Result"])
        #expect(try cli.entryCount() == 3)
    }
}
