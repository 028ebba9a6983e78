extension Optional {
    /// `map` with an async transform: the transformed value, or `nil` without one.
    public func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
