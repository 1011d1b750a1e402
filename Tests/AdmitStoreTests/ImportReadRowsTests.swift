import AdmitCore
import Foundation
import Testing

/// Rows handed over as they are read, as `admit import` reads a file again for each step; counts the reads.
private final class ReadAgain: RosterRows, @unchecked Sendable {
    let rows: [RosterUpload.Row]
    private(set) var reads = 0

    init(_ rows: [RosterUpload.Row]) {
        self.rows = rows
    }

    var count: Int { rows.count }

    func forEachRow(_ body: (RosterUpload.Row) throws -> Void) throws {
        reads += 1
        for row in rows { try body(row) }
    }
}

/// A big roster is never held as rows: the import reads them again for each step and keeps only its whole-file keys.
@Suite struct ImportReadRowsTests {
    @Test(arguments: StoreKind.all) func rowsReadAgainAreImportedAsHeldOnesAre(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let held = ImportTests.thousand()
        let rows = ReadAgain(held.rows)
        let read = RosterUpload(fileName: held.fileName, format: held.format, header: held.header, reading: rows)
        #expect(read.rows.isEmpty && read.rowCount == 1000)

        let errorFile = CapturedTable()
        let verified = try fixture.admissions.verifyImport(into: fixture.session, read, errorFile: errorFile.request(in: fixture.folder))
        #expect(verified.counts == ImportCounts(new: 997, errors: 3) && verified.errors.map(\.row) == [12, 500, 1001])
        #expect(try errorFile.column("Error").enumerated().filter { !$0.element.isEmpty }.map(\.offset) == [10, 498, 999])

        let report = try fixture.admissions.importRoster(into: fixture.session, read)
        #expect(report.counts == ImportCounts(new: 997, errors: 3) && report.errors.map(\.row) == [12, 500, 1001])
        #expect(try fixture.entryCount() == 997)
        let files = try fixture.files(of: try #require(report.job))
        #expect(try files[.uploaded]?.column("Given Name") == held.rows.map { $0.cells[1] })
    }

    @Test(arguments: StoreKind.all) func aKeyGivenThreeTimesNamesTheOtherRowsOnEach(_ kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let upload = roster(
            [["C1", "Maria", "Garcia", ""], ["c1", "Marta", "Gil", ""], ["C2", "Li", "Wei", ""], ["C1", "Ana", "Lopez", ""]])
        let report = try fixture.admissions.verifyImport(into: fixture.session, upload)
        #expect(report.errors.map(\.row) == [2, 3, 5])
        #expect(report.errors[0].message.contains("candidate number is also on row 3, 5;"))
        #expect(report.errors[1].message.contains("candidate number is also on row 2, 5;"))
        #expect(report.errors[2].message.contains("candidate number is also on row 2, 3;"))
    }
}
