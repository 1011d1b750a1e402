/// The children of one storage as a red-black tree, which is how [MS-CFB] 2.6.4 links siblings.
///
/// Built from children already sorted by `EntryName.precedes`, by splitting at the middle: every level but the
/// deepest is full, so colouring the deepest level red (when it is not the root) keeps the black height equal.
struct SiblingTree {
    struct Node: Equatable {
        var left: Int?
        var right: Int?
        var color: DirectoryEntry.Color
    }

    /// Index of the tree's root in the sorted list, nil when there are no children.
    let root: Int?
    /// Links and colour for each position of the sorted list.
    let nodes: [Node]

    init(count: Int) {
        var nodes = [Node](repeating: Node(left: nil, right: nil, color: .black), count: count)
        var depth = [Int](repeating: 0, count: count)
        func build(_ range: Range<Int>, _ level: Int) -> Int? {
            guard !range.isEmpty else { return nil }
            let middle = (range.lowerBound + range.upperBound - 1) / 2
            depth[middle] = level
            nodes[middle].left = build(range.lowerBound..<middle, level + 1)
            nodes[middle].right = build(middle + 1..<range.upperBound, level + 1)
            return middle
        }
        root = build(0..<count, 0)
        let deepest = depth.max() ?? 0
        if deepest > 0 {
            for i in 0..<count where depth[i] == deepest { nodes[i].color = .red }
        }
        self.nodes = nodes
    }
}
