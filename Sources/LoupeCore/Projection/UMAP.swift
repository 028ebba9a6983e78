/// Uniform Manifold Approximation and Projection: a 2-D (or `d`-D) layout of points that keeps
/// their k-nearest-neighbour structure, computed from a ``NeighborGraph`` so the caller chooses
/// exact or approximate neighbours.
///
/// Pipeline (umap-learn 0.5.12's `fit` with a precomputed k-NN, Euclidean output):
/// 1. the ``FuzzySimplicialSet`` of the graph; memberships below `max / epochs` are dropped;
/// 2. the initial layout (``Initialization``; spectral by default), scaled so that its largest
///    absolute coordinate is 10, plus Gaussian noise of standard deviation 1e-4, then each
///    coordinate rescaled to `[0, 10]`;
/// 3. the curve `1 / (1 + a·d^(2b))` fitted to `minDistance` and `spread` (``curveParameters(spread:minDistance:)``);
/// 4. stochastic gradient descent over the edges: edge `e` of membership `w` is sampled every
///    `max(w) / w` epochs, pulling its ends together, each sample followed by `negativeSampleRate`
///    repulsions from uniformly drawn points; gradients clipped to ±4; the learning rate decays
///    linearly to 0. Within an epoch each point moves by its own edges while reading the other
///    points' positions as they were at the epoch's start, which lets ``threads`` threads share the
///    rows without races (see `optimize` for this and the other departures from umap-learn).
///
/// Determinism: every random draw (noise, negative samples, random initialization, the spectral
/// start) comes from `SplitMix64` seeded with ``seed`` (the negative samples from one generator per
/// point and epoch), so the layout depends only on the graph, the data and the parameters, and not
/// on ``threads`` (and on the platform's `exp` and `log`, which may differ in the last bit between
/// C libraries).
///
/// Reference: McInnes, Healy and Melville, "UMAP: Uniform Manifold Approximation and Projection
/// for Dimension Reduction" (arXiv:1802.03426, 2018); umap-learn 0.5.12 (`umap_.py`, `layouts.py`,
/// `spectral.py`).
public struct UMAP: Hashable, Sendable {
    /// How the layout starts.
    public enum Initialization: Hashable, Sendable {
        /// The eigenvectors 2…d+1 of the graph's normalized Laplacian (the default). When the
        /// graph is not connected this falls back to ``principalComponents`` if data is given,
        /// else to ``random`` (umap-learn lays out each component separately instead).
        case spectral
        /// The first `d` principal components of the data passed to ``UMAP/embed(_:data:)``.
        case principalComponents
        /// Uniform coordinates in `[−10, 10]`.
        case random
    }

    /// Output dimensions (default 2).
    public var dimensions: Int
    /// The minimum distance between embedded points, the curve's flat part (default 0.1).
    public var minDistance: Double
    /// The scale of embedded distances (default 1).
    public var spread: Double
    /// Epochs of gradient descent; `nil` means 500 up to 10,000 points and 200 above, as umap-learn.
    public var epochs: Int?
    /// Repulsions per attraction (default 5).
    public var negativeSampleRate: Int
    /// The initial learning rate (default 1).
    public var learningRate: Double
    /// The weight of the repulsions (umap-learn's `repulsion_strength`, default 1).
    public var repulsionStrength: Double
    /// The initial layout (default ``Initialization/spectral``).
    public var initialization: Initialization
    /// The seed; equal seeds give equal layouts.
    public var seed: UInt64
    /// Threads of the gradient descent (default 2; `1` runs it on the calling thread). The layout
    /// does not depend on it.
    public var threads: Int

    /// Parameters with umap-learn's defaults.
    /// - Precondition: `dimensions >= 1`, `minDistance >= 0`, `spread > 0`, `minDistance <= spread`,
    ///   `epochs` (when given) `>= 1`, `negativeSampleRate >= 0`, `learningRate > 0`, `threads >= 1`.
    public init(dimensions: Int = 2, minDistance: Double = 0.1, spread: Double = 1, epochs: Int? = nil,
                negativeSampleRate: Int = 5, learningRate: Double = 1, repulsionStrength: Double = 1,
                initialization: Initialization = .spectral, seed: UInt64 = 0, threads: Int = 2) {
        precondition(dimensions >= 1 && minDistance >= 0 && spread > 0 && minDistance <= spread
                     && (epochs ?? 1) >= 1 && negativeSampleRate >= 0 && learningRate > 0 && threads >= 1,
                     "UMAP: invalid parameters")
        self.dimensions = dimensions
        self.minDistance = minDistance
        self.spread = spread
        self.epochs = epochs
        self.negativeSampleRate = negativeSampleRate
        self.learningRate = learningRate
        self.repulsionStrength = repulsionStrength
        self.initialization = initialization
        self.seed = seed
        self.threads = threads
    }

    /// The epochs a graph of `count` points gets: ``epochs`` or umap-learn's default.
    public func epochCount(forPoints count: Int) -> Int {
        epochs ?? (count <= 10_000 ? 500 : 200)
    }

    /// The layout of the graph's points: a `graph.count × dimensions` matrix, row `i` for point `i`.
    ///
    /// `data` (the vectors the graph was built from, one row per point) is needed only for
    /// ``Initialization/principalComponents`` and for the spectral fallback on a disconnected
    /// graph. Edge cases: no points gives an empty matrix; a single point, or a graph without
    /// edges, keeps its (rescaled) initial layout; a coordinate that is constant over all points
    /// is set to 0 instead of dividing by a zero range.
    /// - Precondition: `data`, when given, has `graph.count` rows; with
    ///   ``Initialization/principalComponents`` it must be given.
    /// - Complexity: O(n·k·64) for the fuzzy set, O(iterations·n·k·d) for the spectral start, and
    ///   O(epochs·n·k·(1 + negativeSampleRate)·d) for the descent (each edge sampled at most once
    ///   per epoch, split over ``threads``); O(n·k) memory.
    public func embed(_ graph: NeighborGraph, data: RowMajorMatrix? = nil) -> RowMajorMatrix {
        var stageTimes = StageTimes()
        return embed(graph, data: data, stageTimes: &stageTimes)
    }

    /// ``embed(_:data:)``, also reporting the wall-clock time of each step in `stageTimes`.
    public func embed(_ graph: NeighborGraph, data: RowMajorMatrix? = nil, stageTimes: inout StageTimes) -> RowMajorMatrix {
        precondition(data == nil || data!.rows == graph.count, "UMAP.embed: \(data!.rows) data rows for \(graph.count) points")
        precondition(initialization != .principalComponents || data != nil, "UMAP.embed: PCA initialization needs the data")
        let n = graph.count
        guard n > 0 else { return RowMajorMatrix(rows: 0, columns: dimensions, values: []) }
        let clock = ContinuousClock()
        var start = clock.now
        func lap() -> Double {
            let now = clock.now
            defer { start = now }
            let elapsed = (now - start).components
            return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        }
        let epochs = epochCount(forPoints: n)
        var set = FuzzySimplicialSet(graph: graph)
        set = set.pruned(below: (set.weights.max() ?? 0) / Float(epochs))
        stageTimes.fuzzySet = lap()
        var generator = SplitMix64(seed: seed)
        var layout = initialLayout(set, data: data, generator: &generator)
        stageTimes.initialization = lap()
        let (a, b) = Self.curveParameters(spread: spread, minDistance: minDistance)
        optimize(&layout, set: set, a: Float(a), b: Float(b), epochs: epochs, seed: generator.next())
        stageTimes.descent = lap()
        return layout
    }
}
