import Dispatch

/// `(0..<count).map(body)` with the calls spread over the processors by
/// `DispatchQueue.concurrentPerform`; results come back in index order, so the output does not
/// depend on scheduling.
///
/// `body` may read shared state that is not `Sendable` as long as it does not mutate it: each
/// index is handled exactly once and writes only its own slot.
public enum ConcurrentMap {
    /// The results of `body(0)` … `body(count - 1)`, in index order.
    public static func map<T>(count: Int, _ body: (Int) -> T) -> [T] {
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
