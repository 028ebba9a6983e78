/// The outcome of ``KMeans/fit(_:)``: centres, one label per row and the inertia.
public struct KMeansResult: Hashable, Sendable {
    /// The `k × d` centres; row `j` is cluster `j`.
    public var centers: RowMajorMatrix
    /// The cluster of each row (its nearest centre, the lowest index on ties), in `0..<k`.
    public var labels: [Int32]
    /// `Σᵢ ‖xᵢ − centers[labels[i]]‖²`, summed in double precision from the exact differences.
    public var inertia: Double
    /// The Lloyd iterations the winning start ran.
    public var iterations: Int
    /// `true` when the winning start stopped on unchanged labels or the shift tolerance, not on
    /// the iteration limit.
    public var converged: Bool

    /// A result from its parts.
    public init(centers: RowMajorMatrix, labels: [Int32], inertia: Double, iterations: Int, converged: Bool) {
        self.centers = centers
        self.labels = labels
        self.inertia = inertia
        self.iterations = iterations
        self.converged = converged
    }

    /// The number of rows in each cluster.
    /// - Complexity: O(n + k).
    public var clusterSizes: [Int] {
        var sizes = [Int](repeating: 0, count: centers.rows)
        for label in labels { sizes[Int(label)] += 1 }
        return sizes
    }
}
