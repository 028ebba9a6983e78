extension UMAP {
    /// Wall-clock seconds of the steps of one ``UMAP/embed(_:data:stageTimes:)`` call (the k-NN
    /// graph is the caller's).
    public struct StageTimes: Hashable, Sendable {
        /// The fuzzy simplicial set and its pruning.
        public var fuzzySet: Double = 0
        /// The initial layout (spectral, PCA or random).
        public var initialization: Double = 0
        /// The gradient descent.
        public var descent: Double = 0

        /// All zero.
        public init() {}
    }
}
