/// The storage tree as a reader walks it: each storage's children hang from it as a binary tree of siblings.
enum DirectoryTree {
    /// The ids of one storage's children in order, read from their tree without recursion (files may be hostile).
    static func siblings(
        from start: UInt32, in directory: [DirectoryEntry], linked: inout [Bool], of storage: String
    ) throws -> [Int] {
        var result: [Int] = []
        var stack: [Int] = []
        var next = start
        while true {
            while next != StreamID.none {
                let id = Int(next)
                guard id < directory.count else {
                    throw CFBError.damaged("\(storage) links to directory entry \(id), past the end of the directory")
                }
                guard !linked[id] else {
                    throw CFBError.damaged("directory entry \(id) is linked twice, so the directory tree loops")
                }
                linked[id] = true
                stack.append(id)
                next = directory[id].left
            }
            guard let id = stack.popLast() else { return result }
            result.append(id)
            next = directory[id].right
        }
    }

    /// Compound file order of two paths, component by component; a storage comes before its contents.
    static func precedes(_ a: [String], _ b: [String]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            let (ux, uy) = (Array(x.utf16), Array(y.utf16))
            if EntryName.precedes(ux, uy) { return true }
            if EntryName.precedes(uy, ux) { return false }
        }
        return a.count < b.count
    }
}
