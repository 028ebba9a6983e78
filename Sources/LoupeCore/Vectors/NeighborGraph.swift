/// The `k` nearest neighbours of each of `count` points, nearest first, in two flat arrays: the
/// input of UMAP, the k-NN outlier scores, LOF, uniqueness and near-duplicate search.
///
/// Point `i`'s neighbours are `neighbors[i*k ..< (i+1)*k]` with their distances (of ``metric``,
/// smaller is nearer) at the same positions. A point is never its own neighbour. When fewer than `k`
/// other points exist, the missing slots hold `-1` and `Float.infinity`. Ties are ordered by index.
public struct NeighborGraph: Hashable, Sendable {
    /// Number of points.
    public let count: Int
    /// Neighbours per point.
    public let k: Int
    /// The metric the distances are in.
    public let metric: VectorMetric
    /// `count × k` neighbour indices, `-1` for an empty slot.
    public var neighbors: [Int32]
    /// `count × k` distances, `Float.infinity` for an empty slot.
    public var distances: [Float]

    /// A graph over existing arrays.
    /// - Precondition: both arrays hold `count × k` values.
    public init(count: Int, k: Int, metric: VectorMetric, neighbors: [Int32], distances: [Float]) {
        precondition(count >= 0 && k >= 0 && neighbors.count == count * k && distances.count == count * k,
                     "NeighborGraph: \(neighbors.count) neighbours and \(distances.count) distances for \(count) × \(k)")
        self.count = count
        self.k = k
        self.metric = metric
        self.neighbors = neighbors
        self.distances = distances
    }

    /// The neighbour indices of point `index`, nearest first.
    public func neighbors(of index: Int) -> ArraySlice<Int32> {
        neighbors[(index * k)..<((index + 1) * k)]
    }

    /// The distances of point `index`'s neighbours, nearest first.
    public func distances(of index: Int) -> ArraySlice<Float> {
        distances[(index * k)..<((index + 1) * k)]
    }
}
