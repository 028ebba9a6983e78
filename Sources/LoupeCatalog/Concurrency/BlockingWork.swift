import Dispatch

/// Runs synchronous CPU- or disk-bound work (parsing a file, computing an evaluation) on a
/// dispatch queue, so that it does not hold one of the few threads of Swift's cooperative pool
/// while other tasks (a server's requests) wait.
public enum BlockingWork {
    private static let queue = DispatchQueue(label: "loupe.blocking-work", qos: .utility, attributes: .concurrent)

    /// The value of `body`, computed off the cooperative pool. The caller's task waits for it;
    /// cancelling that task does not stop `body`, so callers check cancellation after it.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
