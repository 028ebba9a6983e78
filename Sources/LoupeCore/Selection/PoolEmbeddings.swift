import CBLAS

/// The embeddings of a pool's rows gathered into one contiguous matrix, prepared for a metric
/// (cosine: rows scaled to unit length, a zero row kept at zero; l2: with squared norms), and the
/// blocked BLAS kernels that turn inner products into distances.
///
/// Distances: cosine `1 − x̂·ĉ` (so a zero vector is at distance 1 from everything, as
/// `VectorMetric.cosine` defines); l2 the squared distance `‖x‖² + ‖c‖² − 2x·c`, clamped at 0
/// against rounding. All in single precision, like the embeddings.
struct PoolEmbeddings {
    /// Rows per block of pool rows in a blocked product (block × centers floats at a time).
    static let poolBlock = 4096
    /// Centers per block in a blocked product.
    static let centerBlock = 256

    let metric: VectorMetric
    let rows: [Int]
    let matrix: RowMajorMatrix
    let squaredNorms: [Float]

    /// Gathers `rows` of `embeddings`.
    /// - Throws: `SelectionInputError` for the inner-product metric or a non-finite value.
    init(_ embeddings: RowMajorMatrix, rows: [Int], metric: VectorMetric) throws(SelectionInputError) {
        guard metric != .innerProduct else {
            throw SelectionInputError(reason: "embedding strategies need the cosine or l2 metric, not inner_product "
                + "(normalize the vectors and use cosine)")
        }
        self.metric = metric
        self.rows = rows
        let d = embeddings.columns
        var values = [Float](repeating: 0, count: rows.count * d)
        var norms = [Float](repeating: 0, count: rows.count)
        for (position, row) in rows.enumerated() {
            let source = embeddings.row(row)
            var norm: Float = 0
            for value in source {
                guard value.isFinite else { throw SelectionInputError(row: row, reason: "embedding value \(value) is not finite") }
                norm += value * value
            }
            let scale: Float = metric == .cosine && norm > 0 ? 1 / norm.squareRoot() : 1
            var j = position * d
            for value in source {
                values[j] = value * scale
                j += 1
            }
            norms[position] = metric == .cosine ? (norm > 0 ? 1 : 0) : norm
        }
        matrix = RowMajorMatrix(rows: rows.count, columns: d, values: values)
        squaredNorms = norms
    }

    /// The distance for an inner product `dot` between pool row `i` and a center with squared
    /// norm `centerNorm` (both prepared for the metric).
    @inline(__always)
    func distance(dot: Float, pool i: Int, centerNorm: Float) -> Float {
        switch metric {
        case .cosine: 1 - dot
        default: max(0, squaredNorms[i] + centerNorm - 2 * dot)
        }
    }

    /// For every pool row, lowers `nearest[i]` to the distance to the closest of `centers`
    /// (prepared like the pool) and records that center's position in `centerIDs` when it is
    /// strictly closer (so ties keep the earlier center).
    /// - Complexity: O(p · c · d) in BLAS blocks.
    func lower(_ nearest: inout [Float], ids: inout [Int], centers: PoolEmbeddings, centerIDs: [Int]) {
        var start = 0
        while start < centers.matrix.rows {
            let end = min(start + Self.centerBlock, centers.matrix.rows)
            var poolStart = 0
            while poolStart < matrix.rows {
                let poolEnd = min(poolStart + Self.poolBlock, matrix.rows)
                let products = innerProducts(poolStart..<poolEnd, centers.matrix, start..<end)
                let width = end - start
                for i in poolStart..<poolEnd {
                    let base = (i - poolStart) * width
                    for j in 0..<width {
                        let dist = distance(dot: products[base + j], pool: i, centerNorm: centers.squaredNorms[start + j])
                        if dist < nearest[i] {
                            nearest[i] = dist
                            ids[i] = centerIDs[start + j]
                        }
                    }
                }
                poolStart = poolEnd
            }
            start = end
        }
    }

    /// `pool[rows] · centers[centerRows]ᵀ` by `cblas_sgemm` on the stored buffers (no copies), as a
    /// row-major `rows.count × centerRows.count` array.
    /// - Complexity: O(rows · centerRows · d).
    func innerProducts(_ rows: Range<Int>, _ centers: RowMajorMatrix, _ centerRows: Range<Int>) -> [Float] {
        let d = matrix.columns
        var result = [Float](repeating: 0, count: rows.count * centerRows.count)
        guard !rows.isEmpty, !centerRows.isEmpty, d > 0 else { return result }
        matrix.values.withUnsafeBufferPointer { a in
            centers.values.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { c in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                                Int32(rows.count), Int32(centerRows.count), Int32(d),
                                1, a.baseAddress! + rows.lowerBound * d, Int32(d),
                                b.baseAddress! + centerRows.lowerBound * d, Int32(d),
                                0, c.baseAddress, Int32(centerRows.count))
                }
            }
        }
        return result
    }

    /// A distance as reported: the cosine distance, or the Euclidean distance (the square root of
    /// the squared l2 distance).
    func reported(_ distance: Float) -> Double {
        metric == .l2 ? Double(distance).squareRoot() : Double(distance)
    }

    /// Distances from every pool row to the pool's mean vector (of the prepared rows).
    /// - Complexity: O(p · d).
    func distancesToMean() -> [Float] {
        let d = matrix.columns, p = matrix.rows
        var mean = [Float](repeating: 0, count: d)
        for i in 0..<p {
            for j in 0..<d { mean[j] += matrix.values[i * d + j] }
        }
        if p > 0 { for j in 0..<d { mean[j] /= Float(p) } }
        var meanNorm: Float = 0
        for value in mean { meanNorm += value * value }
        if metric == .cosine && meanNorm > 0 {
            let scale = 1 / meanNorm.squareRoot()
            for j in 0..<d { mean[j] *= scale }
            meanNorm = 1
        }
        let products = innerProducts(0..<p, RowMajorMatrix(rows: 1, columns: d, values: mean), 0..<1)
        return (0..<p).map { distance(dot: products[$0], pool: $0, centerNorm: meanNorm) }
    }
}
