import CBLAS

/// Principal component analysis of the rows of a matrix: the mean, the top `c` directions of
/// largest variance and the variance each explains, fitted once and applied with
/// ``transform(_:)``.
///
/// Definition: with `X` the `n × d` data and `Xc = X − mean`, the covariance is
/// `C = Xcᵀ Xc / (n − 1)`; the components are its eigenvectors of the `c` largest eigenvalues
/// (the right singular vectors of `Xc`), the explained variances are those eigenvalues, and the
/// explained variance ratio is each divided by `trace(C)`, the total variance. This is
/// scikit-learn's `PCA` (and its `explained_variance_` with `ddof = 1`).
///
/// Algorithm: the mean in double precision; `Xcᵀ Xc` accumulated over blocks of 4,096 centred rows
/// with OpenBLAS `cblas_ssyrk` (single precision within a block, double across blocks); then the
/// dense symmetric eigendecomposition of the `d × d` matrix (``SymmetricEigendecomposition``), or,
/// for `d > 256` and `c ≤ d/4`, block subspace iteration on it from a fixed seeded start
/// (`leadingEigenpairs`, converged to residuals of 1e-10 relative). The result is deterministic
/// without a seed argument.
///
/// Sign convention: each component is flipped so that its entry of largest absolute value is
/// positive (the first such entry on ties), scikit-learn's `svd_flip(u_based_decision=False)`.
///
/// Edge cases: `c` is clamped to `0…d`. With fewer than two rows the variances are 0 (the divisor
/// `n − 1` is taken as 1). When the total variance is 0 the ratios are 0, never NaN. Directions of
/// zero variance are still orthonormal, but their order and orientation are arbitrary.
///
/// Reference: Jolliffe, *Principal Component Analysis* (2002), ch. 1–3; scikit-learn 1.9
/// `sklearn.decomposition.PCA`.
public struct PrincipalComponents: Hashable, Sendable {
    /// The number of rows the fit saw.
    public let sampleCount: Int
    /// The per-column mean subtracted before projecting (`d` values).
    public let mean: [Float]
    /// The components as the rows of a `c × d` matrix, the direction of largest variance first.
    public let components: RowMajorMatrix
    /// The variance along each component (the covariance's eigenvalues, divisor `n − 1`).
    public let explainedVariance: [Double]
    /// Each explained variance over the total variance, in `[0, 1]`.
    public let explainedVarianceRatio: [Double]
    /// The total variance `trace(C)`: the sum of the per-column variances.
    public let totalVariance: Double

    /// Fits the top `componentCount` principal components of the rows of `data`.
    /// - Complexity: O(n·d²) for the covariance (BLAS, about 1.1·10¹² flops at n = 1,000,000 and
    ///   d = 1,024: seconds to tens of seconds on two cores) plus O(d³) for the dense
    ///   eigendecomposition (d ≤ 256 or many components) or O(steps·d²·(2c + 10)) for subspace
    ///   iteration; O(d² + 4,096·d) memory besides the data.
    public init(fitting data: RowMajorMatrix, componentCount: Int) {
        let n = data.rows
        let d = data.columns
        let c = min(max(componentCount, 0), d)
        let mean = Self.columnMeans(data)
        let scatter = Self.centredScatter(data, mean: mean)
        let divisor = Double(max(n - 1, 1))
        var trace = 0.0
        for j in 0..<d { trace += scatter[j * d + j] / divisor }
        let eigenvalues: [Double]
        let eigenvectors: [Double]
        let leading = d > 256 && c * 4 <= d ? Self.leadingEigenpairs(of: scatter, order: d, count: c) : nil
        if let leading, (0..<c).allSatisfy({ i in leading.vectors[(i * d)..<((i + 1) * d)].contains { $0 != 0 } }) {
            (eigenvalues, eigenvectors) = leading
        } else {
            // Few columns, many components, or a rank too low for the subspace to stay full.
            let eigen = SymmetricEigendecomposition(symmetric: scatter, order: d)
            (eigenvalues, eigenvectors) = (eigen.values, eigen.vectors)
        }
        var components = [Float](repeating: 0, count: c * d)
        for i in 0..<c {
            let vector = eigenvectors[(i * d)..<((i + 1) * d)]
            var largest = vector.startIndex
            for k in vector.indices where abs(vector[k]) > abs(vector[largest]) { largest = k }
            let sign: Double = vector[largest] < 0 ? -1 : 1
            for (k, value) in vector.enumerated() { components[i * d + k] = Float(sign * value) }
        }
        let variances = (0..<c).map { max(eigenvalues[$0], 0) / divisor }
        sampleCount = n
        self.mean = mean
        self.components = RowMajorMatrix(rows: c, columns: d, values: components)
        explainedVariance = variances
        totalVariance = trace
        explainedVarianceRatio = variances.map { trace > 0 ? $0 / trace : 0 }
    }

    /// The column means of `data` in double precision, rounded to `Float`; zeros when empty.
    static func columnMeans(_ data: RowMajorMatrix) -> [Float] {
        let d = data.columns
        var sums = [Double](repeating: 0, count: d)
        data.values.withUnsafeBufferPointer { values in
            for i in 0..<data.rows {
                let row = i * d
                for j in 0..<d { sums[j] += Double(values[row + j]) }
            }
        }
        return sums.map { data.rows > 0 ? Float($0 / Double(data.rows)) : 0 }
    }

    /// `Xcᵀ Xc` (full symmetric `d × d`, row-major) for `Xc = data − mean`, in blocks of centred
    /// rows through `cblas_ssyrk`, summed in double precision.
    static func centredScatter(_ data: RowMajorMatrix, mean: [Float]) -> [Double] {
        let n = data.rows
        let d = data.columns
        var scatter = [Double](repeating: 0, count: d * d)
        guard n > 0, d > 0 else { return scatter }
        let blockRows = 4096
        var block = [Float](repeating: 0, count: min(blockRows, n) * d)
        var partial = [Float](repeating: 0, count: d * d)
        data.values.withUnsafeBufferPointer { values in
            var start = 0
            while start < n {
                let rows = min(blockRows, n - start)
                block.withUnsafeMutableBufferPointer { block in
                    for i in 0..<rows {
                        let source = (start + i) * d
                        for j in 0..<d { block[i * d + j] = values[source + j] - mean[j] }
                    }
                    partial.withUnsafeMutableBufferPointer { partial in
                        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(d), Int32(rows),
                                    1, block.baseAddress, Int32(d), 0, partial.baseAddress, Int32(d))
                    }
                }
                for i in 0..<d {
                    for j in i..<d { scatter[i * d + j] += Double(partial[i * d + j]) }
                }
                start += rows
            }
        }
        for i in 0..<d {
            for j in 0..<i { scatter[i * d + j] = scatter[j * d + i] }
        }
        return scatter
    }
}
