/// k-means clustering of the rows of a matrix: k-means++ seeding, then Lloyd's iterations, the
/// best of several seeded starts (scikit-learn's `KMeans(algorithm="lloyd")`).
///
/// Definition: find `k` centres minimizing the inertia `Σᵢ ‖xᵢ − c(label i)‖²`, each row labelled
/// with its nearest centre. Each start seeds with greedy k-means++ (`seedCenters`),
/// then alternates assignment (squared distances `‖x‖² − 2x·c + ‖c‖²` in blocks through
/// `cblas_sgemm`) and update (each centre the mean of its rows, summed in double precision). It
/// stops when no label changes, when the total squared centre shift falls to
/// `tolerance × mean per-column variance` (scikit-learn's scaled `tol`), or after
/// `maximumIterations`; the labels are then recomputed from the final centres. The start with
/// the lowest inertia wins (the earliest on ties).
///
/// Edge cases: a centre left without rows is moved onto the row farthest from its own centre
/// (several empty centres take the farthest rows in decreasing order, ties by row index), as
/// scikit-learn relocates them. `clusterCount` above the number of rows is reduced to it; an empty
/// matrix gives no centres and no labels. Duplicate rows are allowed (a centre may then repeat).
///
/// Determinism: start `s` draws from `SplitMix64(seed: SplitMix64.mix(seed &+ s))`; the assignment
/// blocks run in parallel but each writes its own rows, and all sums run in row order, so the
/// result depends only on the data and the parameters.
///
/// Reference: Lloyd, "Least squares quantization in PCM" (1982); Arthur and Vassilvitskii,
/// "k-means++: the advantages of careful seeding" (2007); scikit-learn 1.9 `sklearn.cluster.KMeans`.
public struct KMeans: Hashable, Sendable {
    /// The number of clusters `k` (at least 1).
    public var clusterCount: Int
    /// The most Lloyd iterations per start (default 300, as scikit-learn).
    public var maximumIterations: Int
    /// The relative tolerance on the centre shift (default 1e-4, as scikit-learn's `tol`).
    public var tolerance: Double
    /// The number of seeded starts (scikit-learn's `n_init`; default 1).
    public var initializations: Int
    /// The seed; equal seeds give equal results.
    public var seed: UInt64

    /// Parameters for a clustering.
    /// - Precondition: `clusterCount >= 1`, `maximumIterations >= 1`, `tolerance >= 0`, `initializations >= 1`.
    public init(clusterCount: Int, maximumIterations: Int = 300, tolerance: Double = 1e-4,
                initializations: Int = 1, seed: UInt64 = 0) {
        precondition(clusterCount >= 1 && maximumIterations >= 1 && tolerance >= 0 && initializations >= 1,
                     "KMeans: clusterCount \(clusterCount), maximumIterations \(maximumIterations), tolerance \(tolerance), initializations \(initializations)")
        self.clusterCount = clusterCount
        self.maximumIterations = maximumIterations
        self.tolerance = tolerance
        self.initializations = initializations
        self.seed = seed
    }

    /// Clusters the rows of `data`.
    /// - Complexity: O(initializations · (k·(2 + ln k)·n·d + iterations·n·k·d)) time, the products in
    ///   BLAS; O(n + k·d + 2,048·k) extra memory.
    public func fit(_ data: RowMajorMatrix) -> KMeansResult {
        let n = data.rows
        let d = data.columns
        let k = min(clusterCount, n)
        guard k > 0 else {
            return KMeansResult(centers: RowMajorMatrix(rows: 0, columns: d, values: []), labels: [], inertia: 0,
                                iterations: 0, converged: true)
        }
        let norms = Self.squaredNorms(data)
        let shiftTolerance = tolerance * Self.meanColumnVariance(data)
        var best: KMeansResult?
        for start in 0..<initializations {
            var generator = SplitMix64(seed: SplitMix64.mix(seed &+ UInt64(start)))
            let initial = Self.seedCenters(data, norms: norms, count: k, generator: &generator)
            let result = lloyd(data, norms: norms, centers: initial, shiftTolerance: shiftTolerance)
            if best == nil || result.inertia < best!.inertia { best = result }
        }
        return best!
    }

    /// Lloyd's iterations from `centers` to convergence.
    func lloyd(_ data: RowMajorMatrix, norms: [Float], centers initial: RowMajorMatrix,
               shiftTolerance: Double) -> KMeansResult {
        var centers = initial
        var previous: [Int32]?
        var strict = false
        var iterations = 0
        var shiftConverged = false
        while iterations < maximumIterations {
            iterations += 1
            let assignment = Self.assign(data, norms: norms, centers: centers)
            let updated = Self.updatedCenters(data, assignment: assignment, count: centers.rows)
            var shift = 0.0
            for index in 0..<updated.values.count {
                let delta = Double(updated.values[index]) - Double(centers.values[index])
                shift += delta * delta
            }
            centers = updated
            if let previous, previous == assignment.labels {
                strict = true
                break
            }
            if shift <= shiftTolerance {
                shiftConverged = true
                break
            }
            previous = assignment.labels
        }
        let labels = strict ? previous! : Self.assign(data, norms: norms, centers: centers).labels
        return KMeansResult(centers: centers, labels: labels, inertia: Self.inertia(data, centers: centers, labels: labels),
                            iterations: iterations, converged: strict || shiftConverged)
    }
}
