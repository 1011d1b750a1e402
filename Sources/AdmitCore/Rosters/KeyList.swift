import Foundation

/// Keys given by a file's rows (its candidate numbers, say) and the row giving each, in one run of UTF-8 bytes: a
/// key costs its bytes and 8 more, where a dictionary of strings to row lists costs about 100 a row.
struct KeyList {
    private var bytes: [UInt8] = []
    private var keys: [(end: UInt32, row: Int32)] = []

    mutating func append(_ key: String, row: Int) {
        // Kept composed, so that keys equal as strings (canonically equivalent) are equal as bytes.
        let key = key.utf8.allSatisfy { $0 < 0x80 } ? key : key.precomposedStringWithCanonicalMapping
        bytes.append(contentsOf: key.utf8)
        keys.append((UInt32(bytes.count), Int32(row)))
    }

    /// The rows of each key given more than once, each list in row order.
    func repeated() -> [[Int]] {
        func key(_ index: Int) -> ArraySlice<UInt8> { bytes[(index == 0 ? 0 : Int(keys[index - 1].end))..<Int(keys[index].end)] }
        // Equal keys side by side, in the order their rows came.
        let order = keys.indices.sorted { a, b in
            let (x, y) = (key(a), key(b))
            return x == y ? a < b : x.lexicographicallyPrecedes(y)
        }
        var repeated: [[Int]] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, key(order[end]) == key(order[start]) { end += 1 }
            if end - start > 1 { repeated.append(order[start..<end].map { Int(keys[$0].row) }) }
            start = end
        }
        return repeated
    }
}
