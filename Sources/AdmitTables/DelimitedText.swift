import Foundation

/// Splits CSV text or pasted spreadsheet rows into records, with the quoting Excel and LibreOffice write to
/// files and put on the clipboard (RFC 4180: `"a ""b"""`, newlines inside quotes). Hand-written: Foundation
/// has no CSV reader. The text is UTF-8 bytes.
enum DelimitedText {
    private static let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// The delimiter among comma, semicolon and tab that occurs most often outside quotes in the first non-empty
    /// record; a tie goes to the comma (then the semicolon), so a one-column file is read as CSV.
    static func delimiter(of text: Data) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]
        var counts: [UInt8: Int] = [:]
        var quoted = false
        var sawContent = false
        for byte in text {
            if byte == quote {
                quoted.toggle()
            } else if quoted {
                continue
            } else if byte == lineFeed || byte == carriageReturn {
                if sawContent { break }
                continue
            } else if candidates.contains(byte) {
                counts[byte, default: 0] += 1
            }
            sawContent = true
        }
        let most = counts.values.max() ?? 0
        return candidates.first { counts[$0, default: 0] == most } ?? candidates[0]
    }

    /// Hands each record to `builder`, numbered from 1 as a spreadsheet would show it (a quoted newline does not
    /// start a new row). Line ends are CRLF, LF or a lone CR; inside quotes they become "\n".
    static func read(_ text: Data, delimiter: UInt8, into builder: inout TableBuilder) throws {
        // The text's own bytes, not a copy of them: a big file is in memory once as text.
        try text.withUnsafeBytes { try read($0.bindMemory(to: UInt8.self), delimiter: delimiter, into: &builder) }
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, into builder: inout TableBuilder) throws {
        var record: [String] = []
        var field: [UInt8] = []
        var number = 1
        var index = 0
        var atFieldStart = true
        var pending = false

        func endField() throws {
            guard record.count < TableBuilder.columnLimit else { throw TableError.tooManyColumns(row: number) }
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }

        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if atFieldStart, byte == quote {
                // A quoted field runs to the next lone quote; what follows it up to the delimiter is kept as is.
                var closed = false
                while index < bytes.count {
                    let inner = bytes[index]
                    index += 1
                    if inner == quote {
                        guard index < bytes.count, bytes[index] == quote else {
                            closed = true
                            break
                        }
                        index += 1
                        field.append(quote)
                    } else if inner == carriageReturn {
                        if index < bytes.count, bytes[index] == lineFeed { index += 1 }
                        field.append(lineFeed)
                    } else {
                        field.append(inner)
                    }
                }
                guard closed else { throw TableError.unclosedQuote(row: number) }
                atFieldStart = false
                pending = true
            } else if byte == delimiter {
                try endField()
                atFieldStart = true
                pending = true
            } else if byte == lineFeed || byte == carriageReturn {
                if byte == carriageReturn, index < bytes.count, bytes[index] == lineFeed { index += 1 }
                try endField()
                try builder.add(number: number, cells: record)
                record.removeAll(keepingCapacity: true)
                number += 1
                atFieldStart = true
                pending = false
            } else {
                field.append(byte)
                atFieldStart = false
                pending = true
            }
        }
        if pending {
            try endField()
            try builder.add(number: number, cells: record)
        }
    }
}
