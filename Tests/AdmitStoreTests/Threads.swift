import Foundation

/// Runs `body(0)` … `body(count - 1)` on threads of their own, released together (a server's requests are
/// synchronous threads; a dispatch queue would run no more at once than there are cores), and returns what each
/// returned or threw, in index order.
func onThreads<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) -> [Result<T, any Error>] {
    let results = ThreadResults<T>(count)
    let finished = DispatchGroup()
    let start = DispatchGroup()
    start.enter()
    for index in 0..<count {
        finished.enter()
        Thread {
            defer { finished.leave() }
            start.wait()
            results.set(index, Result { try body(index) })
        }.start()
    }
    start.leave()
    finished.wait()
    return results.all
}

/// What the threads of `onThreads` return, each into its own place.
private final class ThreadResults<T: Sendable>: @unchecked Sendable {  // Sendable: `values` is only touched under `lock`.
    private let lock = NSLock()
    private var values: [Result<T, any Error>?]

    init(_ count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<T, any Error>) { lock.withLock { values[index] = result } }

    var all: [Result<T, any Error>] { lock.withLock { values.map { $0! } } }
}
