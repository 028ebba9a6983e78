/// The eigenvalues and eigenvectors of a real symmetric matrix, in double precision: the solver
/// behind ``PrincipalComponents`` (covariance matrix) and UMAP's spectral initialization (the small
/// Rayleigh–Ritz problems of its subspace iteration).
///
/// Householder reduction to tridiagonal form followed by the implicit QL algorithm with shifts
/// (EISPACK `tred2` and `tql2`, as in JAMA's `EigenvalueDecomposition`). The eigenvectors are
/// orthonormal to rounding. Eigenvalues are sorted in decreasing order, ties kept in the order QL
/// leaves them; the sign of each eigenvector is whatever the algorithm produces (callers that need a
/// convention, like PCA, apply their own).
///
/// Reference: Wilkinson and Reinsch, *Handbook for Automatic Computation II, Linear Algebra* (1971),
/// procedures tred2 and tql2; JAMA 1.0.3.
public struct SymmetricEigendecomposition: Hashable, Sendable {
    /// The order `n` of the matrix.
    public let order: Int
    /// The `n` eigenvalues, largest first.
    public let values: [Double]
    /// The eigenvectors as the rows of an `n × n` row-major array: row `i` belongs to `values[i]`.
    public let vectors: [Double]

    /// Decomposes the symmetric `order × order` row-major matrix `matrix` (only symmetry is
    /// assumed, not definiteness; the lower triangle is read as written).
    ///
    /// An empty matrix (`order == 0`) gives no values. A zero matrix gives zero eigenvalues and the
    /// identity's rows as vectors.
    /// - Precondition: `matrix.count == order * order`.
    /// - Complexity: O(order³) time (about 4/3 n³ for the reduction and 3 n³ for QL with vectors),
    ///   O(order²) memory; under a second for n = 512 and a few seconds for n = 1,024 in release.
    public init(symmetric matrix: [Double], order n: Int) {
        precondition(n >= 0 && matrix.count == n * n, "SymmetricEigendecomposition: \(matrix.count) values for order \(n)")
        order = n
        guard n > 0 else {
            values = []
            vectors = []
            return
        }
        var v = matrix
        var d = [Double](repeating: 0, count: n)
        var e = [Double](repeating: 0, count: n)
        Self.tridiagonalize(&v, &d, &e, n)
        // QL on the transpose, so that the rotations update contiguous rows.
        var vt = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { vt[j * n + i] = v[i * n + j] } }
        Self.diagonalize(&vt, &d, &e, n)
        let orderByValue = (0..<n).sorted { d[$0] > d[$1] || (d[$0] == d[$1] && $0 < $1) }
        values = orderByValue.map { d[$0] }
        var sortedVectors = [Double](repeating: 0, count: n * n)
        for (row, source) in orderByValue.enumerated() {
            for k in 0..<n { sortedVectors[row * n + k] = vt[source * n + k] }
        }
        vectors = sortedVectors
    }

    /// Eigenvector `index` (of `values[index]`).
    public func vector(_ index: Int) -> ArraySlice<Double> {
        vectors[(index * order)..<((index + 1) * order)]
    }
}
