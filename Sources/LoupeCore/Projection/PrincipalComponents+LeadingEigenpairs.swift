import CBLAS

extension PrincipalComponents {
    /// The `count` largest eigenpairs of the symmetric `order × order` row-major matrix `matrix`
    /// by block subspace iteration: the path PCA takes when few components of many columns are
    /// wanted (`order > 256` and `count ≤ order / 4`), where the dense solver's O(d³) with
    /// column-strided access dominates.
    ///
    /// The block holds `min(order, 2·count + 10)` vectors from a fixed seeded start
    /// (`SplitMix64(seed: 0)`, so the result is deterministic); each step multiplies it by the
    /// matrix with one `cblas_dgemm` and re-orthonormalizes it (modified Gram–Schmidt, twice);
    /// every 5 steps a Rayleigh–Ritz projection rotates it onto the Ritz vectors and stops when
    /// every wanted residual `‖A v − θ v‖` is at most `1e-10 · θ₁`, or after 2,000 steps.
    /// - Returns: the eigenvalues (largest first) and the eigenvectors as `count` rows of `order`.
    /// - Complexity: O(steps · order² · block) in BLAS; steps grow with `1 / log(θ_count / θ_(block+1))`.
    static func leadingEigenpairs(of matrix: [Double], order d: Int, count c: Int) -> (values: [Double], vectors: [Double]) {
        let p = min(d, 2 * c + 10)
        var generator = SplitMix64(seed: 0)
        var basis = (0..<(p * d)).map { _ in UMAP.normal(&generator) }
        orthonormalizeRows(&basis, rows: p, columns: d)
        var images = [Double](repeating: 0, count: p * d)
        var values = [Double](repeating: 0, count: p)
        for step in 1...2000 {
            basis.withUnsafeBufferPointer { b in
                matrix.withUnsafeBufferPointer { a in
                    images.withUnsafeMutableBufferPointer { y in
                        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(p), Int32(d), Int32(d), 1,
                                    b.baseAddress, Int32(d), a.baseAddress, Int32(d), 0, y.baseAddress, Int32(d))
                    }
                }
            }
            if step % 5 == 0 || step == 2000 {
                // Rayleigh–Ritz on the current (orthonormal) basis.
                var projected = [Double](repeating: 0, count: p * p)
                for r in 0..<p {
                    for s in r..<p {
                        var dot = 0.0
                        for k in 0..<d { dot += basis[r * d + k] * images[s * d + k] }
                        projected[r * p + s] = dot
                        projected[s * p + r] = dot
                    }
                }
                let small = SymmetricEigendecomposition(symmetric: projected, order: p)
                basis = rotate(basis, by: small.vectors, rows: p, columns: d)
                images = rotate(images, by: small.vectors, rows: p, columns: d)
                values = small.values
                var worst = 0.0
                for m in 0..<c {
                    var residual = 0.0
                    for k in 0..<d {
                        let r = images[m * d + k] - values[m] * basis[m * d + k]
                        residual += r * r
                    }
                    worst = max(worst, residual.squareRoot())
                }
                if worst <= 1e-10 * max(abs(values[0]), .leastNormalMagnitude) || step == 2000 { break }
            }
            basis = images
            orthonormalizeRows(&basis, rows: p, columns: d)
        }
        return (Array(values.prefix(c)), Array(basis.prefix(c * d)))
    }

    /// Modified Gram–Schmidt, twice, on the rows of a row-major matrix; a row that vanishes
    /// becomes zeros.
    static func orthonormalizeRows(_ matrix: inout [Double], rows: Int, columns d: Int) {
        matrix.withUnsafeMutableBufferPointer { m in
            for _ in 0..<2 {
                for r in 0..<rows {
                    for s in 0..<r {
                        var dot = 0.0
                        for k in 0..<d { dot += m[r * d + k] * m[s * d + k] }
                        for k in 0..<d { m[r * d + k] -= dot * m[s * d + k] }
                    }
                    var norm = 0.0
                    for k in 0..<d { norm += m[r * d + k] * m[r * d + k] }
                    norm = norm.squareRoot()
                    for k in 0..<d { m[r * d + k] = norm > 1e-300 ? m[r * d + k] / norm : 0 }
                }
            }
        }
    }

    /// `coefficients · matrix` for a `rows × rows` coefficient matrix (row `m` of the result is
    /// `Σ_r coefficients[m][r] · matrix[r]`).
    static func rotate(_ matrix: [Double], by coefficients: [Double], rows: Int, columns d: Int) -> [Double] {
        var result = [Double](repeating: 0, count: rows * d)
        coefficients.withUnsafeBufferPointer { c in
            matrix.withUnsafeBufferPointer { a in
                result.withUnsafeMutableBufferPointer { y in
                    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(d), Int32(rows), 1,
                                c.baseAddress, Int32(rows), a.baseAddress, Int32(d), 0, y.baseAddress, Int32(d))
                }
            }
        }
        return result
    }
}
