/// A brute-force vector index: every query is compared with every stored vector through OpenBLAS
/// `cblas_sgemm`, so its results are exact (to float32 rounding) and it is the oracle the
/// approximate ``HNSWIndex`` is measured against, as hnswlib's `BFIndex` is for hnswlib.
///
/// Vectors live in one flat row-major buffer (`count × dimension` floats, plus one float per row
/// for L2's squared norms and 8 bytes of id): about `4·d + 12` bytes per vector plus the id
/// dictionary (about 40 bytes per entry), i.e. about 560 MB per million 128-dimensional vectors.
///
/// - Complexity: add O(d) per vector (amortized); remove O(d) per id (the last row moves into the
///   hole); search O(q · n · d) arithmetic in BLAS plus O(q · n) comparisons, O(q · k · log k) heap work.
/// - Reference: the same computation as faiss `IndexFlatIP` / `IndexFlatL2` (Johnson, Douze &
///   Jégou, "Billion-scale similarity search with GPUs", 2019, section on exact search by GEMM).
public struct ExactVectorIndex: VectorIndex, Hashable, Sendable {
    /// Columns of every vector.
    public let dimension: Int
    /// How vectors are compared.
    public let metric: VectorMetric
    /// `count × dimension` stored values (normalized for cosine), row `i` under `ids[i]`.
    var vectors: [Float] = []
    /// The id of each stored row.
    var ids: [Int64] = []
    /// `‖row‖²` of each stored row (kept for every metric; used by L2).
    var squaredNorms: [Float] = []
    /// The row of each id.
    var rowOfID: [Int64: Int] = [:]

    /// Number of stored vectors.
    public var count: Int { ids.count }

    /// An empty index.
    /// - Precondition: `dimension > 0`.
    public init(dimension: Int, metric: VectorMetric) {
        precondition(dimension > 0, "ExactVectorIndex: dimension \(dimension) must be positive")
        self.dimension = dimension
        self.metric = metric
    }

    /// All stored ids in row order (an order that changes with removals).
    public var storedIDs: [Int64] { ids }

    /// Whether `id` is stored.
    /// - Complexity: O(1).
    public func contains(id: Int64) -> Bool { rowOfID[id] != nil }

    /// The stored vector of `id` (normalized for cosine), or `nil`.
    /// - Complexity: O(d).
    public func vector(for id: Int64) -> [Float]? {
        guard let row = rowOfID[id] else { return nil }
        return Array(vectors[(row * dimension)..<((row + 1) * dimension)])
    }

    /// Adds or replaces vectors; see ``VectorIndex/add(ids:vectors:)``.
    /// - Complexity: O(rows · d), amortized.
    public mutating func add(ids newIDs: [Int64], vectors matrix: RowMajorMatrix) throws(VectorIndexError) {
        guard newIDs.count == matrix.rows else {
            throw VectorIndexError(code: .idCountMismatch, message: "\(newIDs.count) ids for \(matrix.rows) vectors")
        }
        let prepared = try VectorKernels.prepared(matrix, dimension: dimension, metric: metric, what: "vector")
        vectors.reserveCapacity(vectors.count + matrix.rows * dimension)
        for (position, id) in newIDs.enumerated() {
            let source = prepared.values[(position * dimension)..<((position + 1) * dimension)]
            var norm: Float = 0
            for value in source { norm += value * value }
            if let row = rowOfID[id] {
                vectors.replaceSubrange((row * dimension)..<((row + 1) * dimension), with: source)
                squaredNorms[row] = norm
            } else {
                rowOfID[id] = ids.count
                ids.append(id)
                vectors.append(contentsOf: source)
                squaredNorms.append(norm)
            }
        }
    }

    /// Removes ids; the last row moves into each hole.
    /// - Complexity: O(d) per removed id.
    @discardableResult
    public mutating func remove(ids removed: [Int64]) -> Int {
        var removedCount = 0
        for id in removed {
            guard let row = rowOfID.removeValue(forKey: id) else { continue }
            removedCount += 1
            let last = ids.count - 1
            if row != last {
                let moved = ids[last]
                ids[row] = moved
                rowOfID[moved] = row
                squaredNorms[row] = squaredNorms[last]
                for c in 0..<dimension { vectors[row * dimension + c] = vectors[last * dimension + c] }
            }
            ids.removeLast()
            squaredNorms.removeLast()
            vectors.removeLast(dimension)
        }
        return removedCount
    }
}
