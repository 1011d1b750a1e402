import Foundation

/// Runs `body(0)` … `body(count - 1)` on as many threads of their own at once (the pool's callers are
/// synchronous threads, and a dispatch queue would run no more at once than there are cores) and waits for all;
/// rethrows the first error.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) throws {
    let group = DispatchGroup()
    let errors = Locked<[any Error]>([])
    for index in 0..<count {
        group.enter()
        Thread {
            defer { group.leave() }
            do { try body(index) } catch { errors.update { $0.append(error) } }
        }.start()
    }
    group.wait()
    if let error = errors.value.first { throw error }
}

/// A value shared by the threads of a test.
final class Locked<Value>: @unchecked Sendable {  // Sendable: `value` is only touched under `lock`.
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    @discardableResult
    func update<T>(_ change: (inout Value) throws -> T) rethrows -> T {
        try lock.withLock { try change(&stored) }
    }
}

/// Two threads meet here: each waits until the other has arrived too.
final class Rendezvous: Sendable {
    private let arrived = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]

    /// `side` is 0 or 1; false if the other did not come within 10 seconds.
    @discardableResult
    func meet(_ side: Int) -> Bool {
        arrived[side].signal()
        return arrived[1 - side].wait(timeout: .now() + 10) == .success
    }
}
