/// The three files Admit keeps for an import job, made from its recorded rows.
enum ImportTables {
    /// The file as uploaded, its password cells blanked.
    static func uploaded(header: [String], rows: [ImportRow]) -> TableContent {
        TableContent(header: header, rows: rows.map { padded($0.cells, to: header.count) })
    }

    /// Every row with an `Error` column saying what to fix, and the Entry GUID of what was made, so that the
    /// file, corrected, can be imported again without making anything twice.
    static func errors(header: [String], mapping: RosterMapping, rows: [ImportRow]) -> TableContent {
        var (header, guid) = withColumn(.entryGUID, header: header, mapping: mapping)
        header.append("Error")
        return TableContent(
            header: header,
            rows: rows.map { row in
                var cells = padded(row.cells, to: header.count - 1)
                if let entry = row.entryID { cells[guid] = entry.lowercased }
                switch row.outcome {
                case .error: cells.append(ImportLimits.cut(row.error ?? "", to: ImportLimits.cellCharacters))
                case .pending: cells.append("Not processed: the import stopped before this row; import the file again")
                default: cells.append("")
                }
                return cells
            })
    }

    /// Every processed row with its entry GUID, username and (when Admit made it) temporary password, and what the import did.
    static func completed(header: [String], mapping: RosterMapping, rows: [(row: ImportRow, username: String, password: String?)]) -> TableContent {
        var header = header
        var columns: [RosterColumn: Int] = [:]
        for column in [RosterColumn.entryGUID, .username, .password] {
            let added = withColumn(column, header: header, mapping: mapping)
            header = added.header
            columns[column] = added.index
        }
        header.append("Result")
        return TableContent(
            header: header,
            rows: rows.map { item in
                var cells = padded(item.row.cells, to: header.count - 1)
                cells[columns[.entryGUID]!] = item.row.entryID?.lowercased ?? ""
                cells[columns[.username]!] = item.username
                cells[columns[.password]!] = item.password ?? ""
                cells.append(item.row.outcome.rawValue)
                return cells
            })
    }

    /// The index of `column` in the file's header, appending it under the template's name when the file has none.
    private static func withColumn(_ column: RosterColumn, header: [String], mapping: RosterMapping) -> (header: [String], index: Int) {
        if let index = mapping.columns[column] { return (header, index) }
        if let index = header.firstIndex(of: column.rawValue) { return (header, index) }
        return (header + [column.rawValue], header.count)
    }

    /// The cells, each cut to what a spreadsheet cell holds (so a job an older Admit kept whole still has files).
    private static func padded(_ cells: [String], to count: Int) -> [String] {
        let cells = cells.map { ImportLimits.cut($0, to: ImportLimits.cellCharacters) }
        return cells.count >= count ? cells : cells + Array(repeating: "", count: count - cells.count)
    }
}
