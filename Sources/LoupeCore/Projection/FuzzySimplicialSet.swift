#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// UMAP's fuzzy simplicial set of a k-nearest-neighbour graph: a symmetric sparse matrix of edge
/// memberships in `(0, 1]`, stored by rows (compressed sparse rows, columns increasing).
///
/// Definition (McInnes, Healy and Melville 2018, §3; umap-learn 0.5 `fuzzy_simplicial_set` with
/// `local_connectivity = 1`, `set_op_mix_ratio = 1`): for each point `i`, `ρᵢ` is the distance to its
/// nearest neighbour at a positive distance (0 when there is none), and `σᵢ` solves
/// `Σⱼ exp(−max(dᵢⱼ − ρᵢ, 0) / σᵢ) = log₂(k + 1)` over its `k` neighbours by 64 steps of bisection
/// (stopping within 1e-5), floored at 1e-3 times the mean neighbour distance (of the point when
/// `ρᵢ > 0`, else of the graph, each mean counting the point itself at distance 0 as umap-learn's
/// self-including k-NN does). The directed membership is `aᵢⱼ = exp(−(dᵢⱼ − ρᵢ)/σᵢ)`, 1 when
/// `dᵢⱼ ≤ ρᵢ`; the set is the fuzzy union `wᵢⱼ = aᵢⱼ + aⱼᵢ − aᵢⱼ·aⱼᵢ`. Zero memberships are dropped.
///
/// A ``NeighborGraph`` excludes each point itself, so its `k` corresponds to umap-learn's
/// `n_neighbors = k + 1`. Distances are taken as UMAP's metric distance: the square root of
/// ``VectorMetric/l2``'s squared distance, ``VectorMetric/cosine``'s `1 − cos` as is; an
/// ``VectorMetric/innerProduct`` graph's `−a·b` is used as is (normalize the vectors and use cosine
/// instead). Empty slots (`-1`) are skipped.
public struct FuzzySimplicialSet: Hashable, Sendable {
    /// Number of points.
    public let count: Int
    /// Row `i`'s entries are `columns[rowStarts[i] ..< rowStarts[i + 1]]` (`count + 1` values).
    public var rowStarts: [Int]
    /// Column of each stored entry, increasing within a row.
    public var columns: [Int32]
    /// Membership of each stored entry, in `(0, 1]`.
    public var weights: [Float]

    /// The fuzzy simplicial set of `graph`.
    /// - Complexity: O(n·k·64) for the bandwidths and O(n·k·log k) for the union; O(n·k) memory.
    public init(graph: NeighborGraph) {
        let n = graph.count
        let k = graph.k
        let distances = graph.distances.map { graph.metric == .l2 ? $0.squareRoot() : $0 }
        let (rho, sigma) = Self.smoothDistances(graph: graph, distances: distances)
        // Directed memberships, both as (i → j, forward) and transposed (j → i, backward).
        var degree = [Int](repeating: 0, count: n + 1)
        for i in 0..<n {
            for slot in 0..<k where graph.neighbors[i * k + slot] >= 0 && Int(graph.neighbors[i * k + slot]) != i {
                degree[i] += 1
                degree[Int(graph.neighbors[i * k + slot])] += 1
            }
        }
        var starts = [Int](repeating: 0, count: n + 1)
        for i in 0..<n { starts[i + 1] = starts[i] + degree[i] }
        var fill = starts
        var entryColumn = [Int32](repeating: 0, count: starts[n])
        var entryForward = [Float](repeating: 0, count: starts[n])
        var entryBackward = [Float](repeating: 0, count: starts[n])
        for i in 0..<n {
            for slot in 0..<k {
                let j = Int(graph.neighbors[i * k + slot])
                guard j >= 0, j != i else { continue }
                let excess = Double(distances[i * k + slot]) - rho[i]
                let membership = (excess <= 0 || sigma[i] == 0) ? 1 : Float(exp(-excess / sigma[i]))
                entryColumn[fill[i]] = Int32(j)
                entryForward[fill[i]] = membership
                fill[i] += 1
                entryColumn[fill[j]] = Int32(i)
                entryBackward[fill[j]] = membership
                fill[j] += 1
            }
        }
        var rowStarts = [0]
        var columns: [Int32] = []
        var weights: [Float] = []
        columns.reserveCapacity(starts[n])
        weights.reserveCapacity(starts[n])
        for i in 0..<n {
            let range = starts[i]..<starts[i + 1]
            let order = range.sorted { entryColumn[$0] < entryColumn[$1] || (entryColumn[$0] == entryColumn[$1] && $0 < $1) }
            var position = 0
            while position < order.count {
                let column = entryColumn[order[position]]
                var forward: Float = 0
                var backward: Float = 0
                while position < order.count && entryColumn[order[position]] == column {
                    forward += entryForward[order[position]]
                    backward += entryBackward[order[position]]
                    position += 1
                }
                let union = forward + backward - forward * backward
                if union > 0 {
                    columns.append(column)
                    weights.append(union)
                }
            }
            rowStarts.append(columns.count)
        }
        count = n
        self.rowStarts = rowStarts
        self.columns = columns
        self.weights = weights
    }

    /// A set from its compressed rows.
    /// - Precondition: `rowStarts.count == count + 1`, `columns.count == weights.count == rowStarts[count]`.
    public init(count: Int, rowStarts: [Int], columns: [Int32], weights: [Float]) {
        precondition(rowStarts.count == count + 1 && columns.count == weights.count && rowStarts.last == columns.count,
                     "FuzzySimplicialSet: inconsistent compressed rows")
        self.count = count
        self.rowStarts = rowStarts
        self.columns = columns
        self.weights = weights
    }

    /// The number of stored entries (each undirected edge twice).
    public var entryCount: Int { columns.count }

    /// `ρ` and `σ` of every point (umap-learn's `smooth_knn_dist`, `n_iter = 64`, bandwidth 1).
    static func smoothDistances(graph: NeighborGraph, distances: [Float]) -> (rho: [Double], sigma: [Double]) {
        let n = graph.count
        let k = graph.k
        let target = log2(Double(k + 1))
        var total = 0.0
        var totalCount = 0
        for i in 0..<n {
            totalCount += 1
            for slot in 0..<k where graph.neighbors[i * k + slot] >= 0 {
                total += Double(distances[i * k + slot])
                totalCount += 1
            }
        }
        let meanDistance = totalCount > 0 ? total / Double(totalCount) : 0
        var rho = [Double](repeating: 0, count: n)
        var sigma = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var own: [Double] = []
            for slot in 0..<k where graph.neighbors[i * k + slot] >= 0 { own.append(Double(distances[i * k + slot])) }
            if let nearest = own.first(where: { $0 > 0 }) { rho[i] = nearest }
            var low = 0.0
            var high = Double.infinity
            var middle = 1.0
            for _ in 0..<64 {
                var sum = 0.0
                for distance in own {
                    let excess = distance - rho[i]
                    sum += excess > 0 ? exp(-(excess / middle)) : 1
                }
                if abs(sum - target) < 1e-5 { break }
                if sum > target {
                    high = middle
                    middle = (low + high) / 2
                } else {
                    low = middle
                    middle = high == .infinity ? middle * 2 : (low + high) / 2
                }
            }
            let floor = 1e-3 * (rho[i] > 0 ? own.reduce(0, +) / Double(own.count + 1) : meanDistance)
            sigma[i] = max(middle, floor)
        }
        return (rho, sigma)
    }
}
