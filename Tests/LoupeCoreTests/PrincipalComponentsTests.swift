import Foundation
import LoupeCore
import Testing

@Suite("PCA and the symmetric eigensolver")
struct PrincipalComponentsTests {
    struct PCAAnswer: Decodable {
        var components: [Double]
        var explainedVariance: [Double]
        var explainedVarianceRatio: [Double]
        var transform: [Double]
        var mean: [Double]
    }

    /// Seeded correlated data: `n × d` with per-column scales 10, 9, …, a rotation mixing columns,
    /// and an offset of 50 so that centring matters.
    static func correlated(rows n: Int, columns d: Int, seed: UInt64) -> RowMajorMatrix {
        var generator = SplitMix64(seed: seed)
        let mixing = (0..<(d * d)).map { _ in EmbeddingFixtures.normal(&generator) }
        var values = [Float](repeating: 0, count: n * d)
        for i in 0..<n {
            let latent = (0..<d).map { j in EmbeddingFixtures.normal(&generator) * Float(max(10 - j, 1)) }
            for j in 0..<d {
                var sum: Float = 50
                for l in 0..<d { sum += latent[l] * mixing[l * d + j] / Float(d).squareRoot() }
                values[i * d + j] = sum
            }
        }
        return RowMajorMatrix(rows: n, columns: d, values: values)
    }

    func compare(_ data: RowMajorMatrix, components c: Int) throws {
        var request = ProjectionOracle.Case(kind: "pca")
        request.x = data.values
        request.rows = data.rows
        request.columns = data.columns
        request.components = c
        let expected = try ProjectionOracle.run([request], reference: "scikit-learn 1.9.1", as: PCAAnswer.self)[0]
        let pca = PrincipalComponents(fitting: data, componentCount: c)
        let projected = pca.transform(data)
        let d = data.columns
        #expect(pca.components.rows == c && projected.columns == c)
        for (j, mean) in expected.mean.enumerated() { #expect(abs(Double(pca.mean[j]) - mean) <= 1e-4 * max(1, abs(mean))) }
        for i in 0..<c {
            #expect(abs(pca.explainedVariance[i] - expected.explainedVariance[i]) <= 1e-4 * expected.explainedVariance[i],
                    "variance \(i): \(pca.explainedVariance[i]) vs \(expected.explainedVariance[i])")
            #expect(abs(pca.explainedVarianceRatio[i] - expected.explainedVarianceRatio[i]) <= 1e-4 * expected.explainedVarianceRatio[i])
            // Components agree up to sign; ours follow svd_flip's convention, so the sign agrees too
            // unless two loadings tie in magnitude.
            var dot = 0.0
            for k in 0..<d { dot += Double(pca.components.values[i * d + k]) * expected.components[i * d + k] }
            #expect(abs(abs(dot) - 1) <= 1e-4, "component \(i): |cos| = \(abs(dot))")
            let sign: Double = dot < 0 ? -1 : 1
            var scale = 0.0
            var worst = 0.0
            for row in 0..<data.rows {
                let reference = expected.transform[row * c + i]
                scale = max(scale, abs(reference))
                worst = max(worst, abs(sign * Double(projected.values[row * c + i]) - reference))
            }
            #expect(worst <= 1e-3 * scale, "projection \(i): worst error \(worst) on scale \(scale)")
        }
    }

    @Test("Equals scikit-learn's PCA on seeded correlated data (600 × 24, 6 components)")
    func matchesScikitLearn() throws {
        try compare(Self.correlated(rows: 600, columns: 24, seed: 7), components: 6)
    }

    @Test("Equals scikit-learn's PCA with many columns (900 × 300, 5 components: the subspace-iteration path)")
    func matchesScikitLearnWide() throws {
        try compare(Self.correlated(rows: 900, columns: 300, seed: 3), components: 5)
    }

    @Test("Equals scikit-learn's PCA on the digits (1,797 × 64, 10 components; constant columns included)")
    func matchesScikitLearnOnDigits() throws {
        let digits = try ProjectionOracle.digits()
        try compare(RowMajorMatrix(rows: digits.rows, columns: digits.columns, values: digits.x), components: 10)
    }

    @Test("Points on the line y = 2x: one component (1, 2)/√5, ratio 1, and the sign convention")
    func lineKnownAnswer() {
        let xs: [Float] = [-2, -1, 0, 1, 2, 3]
        let data = RowMajorMatrix(rows: xs.count, columns: 2, values: xs.flatMap { [$0 + 1, 2 * $0 - 3] })
        let pca = PrincipalComponents(fitting: data, componentCount: 5)
        #expect(pca.components.rows == 2)
        #expect(abs(pca.components.values[0] - 1 / Float(5).squareRoot()) < 1e-6)
        #expect(abs(pca.components.values[1] - 2 / Float(5).squareRoot()) < 1e-6)
        // var(x) = 3.5 with ddof 1; along (1, 2)/√5 the variance is 5 · 3.5.
        #expect(abs(pca.explainedVariance[0] - 17.5) < 1e-5)
        #expect(abs(pca.explainedVariance[1]) < 1e-5)
        #expect(abs(pca.explainedVarianceRatio[0] - 1) < 1e-6)
        #expect(abs(pca.mean[0] - 1.5) < 1e-6 && abs(pca.mean[1] - (-2)) < 1e-6)
        let projected = pca.transform(data)
        for (i, x) in xs.enumerated() {
            #expect(abs(projected.values[i * 2] - (x - 0.5) * Float(5).squareRoot()) < 1e-5)
        }
    }

    @Test("Degenerate inputs: no rows, one row, constant data give zero variances, never NaN")
    func degenerate() {
        for data in [RowMajorMatrix(rows: 0, columns: 3, values: []),
                     RowMajorMatrix(rows: 1, columns: 3, values: [1, 2, 3]),
                     RowMajorMatrix(rows: 4, columns: 3, values: [Float](repeating: 7, count: 12)),
                     RowMajorMatrix(rows: 3, columns: 300, values: [Float](repeating: -2, count: 900))] {
            let pca = PrincipalComponents(fitting: data, componentCount: 2)
            #expect(pca.explainedVariance == [0, 0])
            #expect(pca.explainedVarianceRatio == [0, 0])
            #expect(pca.transform(data).values.allSatisfy { $0 == 0 })
            // Still orthonormal directions, even with no variance to find them by.
            for i in 0..<2 {
                let norm = pca.components.row(i).reduce(0) { $0 + $1 * $1 }
                #expect(abs(norm - 1) < 1e-5)
            }
        }
    }

    @Test("The eigensolver reconstructs seeded symmetric matrices with orthonormal vectors", arguments: [1, 2, 7, 40])
    func eigensolver(order n: Int) {
        var generator = SplitMix64(seed: UInt64(n))
        var matrix = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                let value = generator.nextUnitInterval() * 2 - 1
                matrix[i * n + j] = value
                matrix[j * n + i] = value
            }
        }
        let eigen = SymmetricEigendecomposition(symmetric: matrix, order: n)
        #expect(zip(eigen.values, eigen.values.dropFirst()).allSatisfy { $0 >= $1 })
        for a in 0..<n {
            for b in 0..<n {
                var dot = 0.0
                for k in 0..<n { dot += eigen.vectors[a * n + k] * eigen.vectors[b * n + k] }
                #expect(abs(dot - (a == b ? 1 : 0)) < 1e-10)
            }
            for i in 0..<n {
                var product = 0.0
                for k in 0..<n { product += matrix[i * n + k] * eigen.vectors[a * n + k] }
                #expect(abs(product - eigen.values[a] * eigen.vectors[a * n + i]) < 1e-10)
            }
        }
    }
}
