/// The spectral embedding of a connected weighted graph: the eigenvectors 2…d+1 (by increasing
/// eigenvalue) of its symmetric normalized Laplacian `L = I − D^(−1/2) W D^(−1/2)`, UMAP's default
/// initial layout.
///
/// Computed as the top eigenvectors of `B = (I + D^(−1/2) W D^(−1/2)) / 2` (eigenvalues in
/// `[0, 1]`, the same vectors in reverse order) by block subspace iteration with Rayleigh–Ritz
/// steps, the known top eigenvector `D^(1/2)·1` projected out. The block holds `d + 4` vectors
/// (fewer when the graph has fewer points) started from seeded Gaussian noise; every 10 products a
/// Rayleigh–Ritz step checks the residuals `‖B v − θ v‖` of the wanted vectors and stops below
/// 1e-4 (the tolerance umap-learn gives `eigsh`), after 300 products at most. Near-equal
/// eigenvalues (well separated clusters) may leave the result anywhere in their common eigenspace,
/// which serves a starting layout equally well. Each vector is signed with its entry of largest
/// magnitude positive.
///
/// Edge cases: vertices without edges have degree 0 and coordinate 0; columns beyond `n − 1`
/// available eigenvectors are 0. The graph is assumed connected (on a disconnected one the result
/// mixes component indicators; ``UMAP`` avoids that case).
///
/// Reference: Belkin and Niyogi, "Laplacian eigenmaps" (2003); umap-learn 0.5 `spectral_layout`;
/// Saad, *Numerical Methods for Large Eigenvalue Problems* (2011), §5.2 (subspace iteration).
public struct SpectralLayout: Hashable, Sendable {
    /// The `n × dimensions` coordinates, row-major.
    public let coordinates: [Double]
    /// The Laplacian eigenvalue estimate of each column (`2 − 2θ` for `B`'s Ritz value `θ`).
    public let eigenvalues: [Double]
    /// The products by `B` the iteration ran.
    public let iterations: Int

    /// Computes the layout of `set`.
    /// - Complexity: O(iterations · (entries + n·(d + 4)) · (d + 4)), iterations ≤ 300; O(n·(d + 4)) memory.
    public init(set: FuzzySimplicialSet, dimensions: Int, seed: UInt64) {
        let n = set.count
        let block = max(0, min(dimensions + 4, n - 1))
        var degree = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for entry in set.rowStarts[i]..<set.rowStarts[i + 1] { degree[i] += Double(set.weights[entry]) }
        }
        let inverseRoot = degree.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
        var scaled = [Double](repeating: 0, count: set.entryCount)
        for i in 0..<n {
            for entry in set.rowStarts[i]..<set.rowStarts[i + 1] {
                scaled[entry] = Double(set.weights[entry]) * inverseRoot[i] * inverseRoot[Int(set.columns[entry])]
            }
        }
        var trivial = degree.map { $0.squareRoot() }
        let trivialNorm = trivial.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if trivialNorm > 0 { trivial = trivial.map { $0 / trivialNorm } }
        let product: ([Double]) -> [Double] = { vector in
            vector.withUnsafeBufferPointer { v in
                scaled.withUnsafeBufferPointer { s in
                    set.columns.withUnsafeBufferPointer { columns in
                        set.rowStarts.withUnsafeBufferPointer { starts in
                            (0..<n).map { i in
                                var sum = v[i]
                                for entry in starts[i]..<starts[i + 1] { sum += s[entry] * v[Int(columns[entry])] }
                                return sum / 2
                            }
                        }
                    }
                }
            }
        }
        var generator = SplitMix64(seed: seed)
        var basis = (0..<block).map { _ in (0..<n).map { _ in UMAP.normal(&generator) } }
        Self.orthonormalize(&basis, against: trivial)
        var iterations = 0
        var ritzValues = [Double](repeating: 0, count: block)
        while block > 0 {
            var images = ConcurrentMap.map(count: block) { product(basis[$0]) }
            iterations += 1
            if iterations % 10 == 0 || iterations >= 300 {
                let (values, rotated, rotatedImages) = Self.rayleighRitz(basis: basis, images: images)
                basis = rotated
                images = rotatedImages
                ritzValues = values
                var worst = 0.0
                for m in 0..<min(dimensions, block) {
                    var residual = 0.0
                    for i in 0..<n {
                        let r = images[m][i] - values[m] * basis[m][i]
                        residual += r * r
                    }
                    worst = max(worst, residual.squareRoot())
                }
                if worst < 1e-4 || iterations >= 300 { break }
            }
            basis = images
            Self.orthonormalize(&basis, against: trivial)
        }
        var coordinates = [Double](repeating: 0, count: n * dimensions)
        for m in 0..<min(dimensions, block) {
            var largest = 0
            for i in 0..<n where abs(basis[m][i]) > abs(basis[m][largest]) { largest = i }
            let sign: Double = basis[m][largest] < 0 ? -1 : 1
            for i in 0..<n { coordinates[i * dimensions + m] = sign * basis[m][i] }
        }
        self.coordinates = coordinates
        self.eigenvalues = (0..<dimensions).map { $0 < block ? 2 - 2 * ritzValues[$0] : 1 }
        self.iterations = iterations
    }

    /// Modified Gram–Schmidt, twice, of `vectors` after removing their component along the unit
    /// vector `fixed`; a vector that vanishes is replaced by zeros.
    static func orthonormalize(_ vectors: inout [[Double]], against fixed: [Double]) {
        for _ in 0..<2 {
            for m in vectors.indices {
                var vector = vectors[m]
                let previous = [fixed] + vectors[0..<m]
                for other in previous {
                    var dot = 0.0
                    for i in vector.indices { dot += vector[i] * other[i] }
                    for i in vector.indices { vector[i] -= dot * other[i] }
                }
                let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
                vectors[m] = norm > 1e-300 ? vector.map { $0 / norm } : [Double](repeating: 0, count: vector.count)
            }
        }
    }

    /// The Ritz values (largest first) and vectors of `B` on the span of the orthonormal `basis`,
    /// with their images, from `images = B·basis`.
    static func rayleighRitz(basis: [[Double]], images: [[Double]]) -> ([Double], [[Double]], [[Double]]) {
        let p = basis.count
        let n = basis.first?.count ?? 0
        var projected = [Double](repeating: 0, count: p * p)
        for r in 0..<p {
            for c in r..<p {
                var dot = 0.0
                for i in 0..<n { dot += basis[r][i] * images[c][i] }
                var transposed = 0.0
                for i in 0..<n { transposed += basis[c][i] * images[r][i] }
                projected[r * p + c] = (dot + transposed) / 2
                projected[c * p + r] = projected[r * p + c]
            }
        }
        let eigen = SymmetricEigendecomposition(symmetric: projected, order: p)
        func rotate(_ vectors: [[Double]]) -> [[Double]] {
            (0..<p).map { m in
                var combined = [Double](repeating: 0, count: n)
                for r in 0..<p {
                    let coefficient = eigen.vectors[m * p + r]
                    for i in 0..<n { combined[i] += coefficient * vectors[r][i] }
                }
                return combined
            }
        }
        return (eigen.values, rotate(basis), rotate(images))
    }
}
