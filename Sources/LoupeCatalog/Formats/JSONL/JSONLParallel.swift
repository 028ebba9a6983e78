import Dispatch

/// Runs independent pieces of work on all processors.
enum JSONLParallel {
    /// `(0..<count).map(body)`, with the calls spread over the processors and the results in
    /// index order.
    ///
    /// `body` may read shared state that is not `Sendable` (such as pointers into a file's bytes)
    /// as long as it does not mutate it: each index is handled exactly once, and each result is
    /// written to its own slot.
    static func map<T>(count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let slots = UnsafeMutablePointer<T?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
        defer {
            slots.deinitialize(count: count)
            slots.deallocate()
        }
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendable(value: (body, slots))
            DispatchQueue.concurrentPerform(iterations: count) { index in
                shared.value.1[index] = shared.value.0(index)
            }
        }
        return (0..<count).map { slots[$0].take()! }
    }

    private struct UncheckedSendable<Value>: @unchecked Sendable {
        let value: Value
    }
}
