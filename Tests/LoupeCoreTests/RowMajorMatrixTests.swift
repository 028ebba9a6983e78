import LoupeCore
import Testing

@Suite("Dense products through OpenBLAS")
struct RowMajorMatrixTests {
    @Test("innerProducts equals a plain double-precision loop", arguments: [(1, 1, 1), (3, 5, 7), (17, 33, 128), (0, 4, 3)])
    func matchesLoop(shape: (Int, Int, Int)) {
        let (m, n, d) = shape
        var generator = RunLengthMaskTests.SeededGenerator(state: UInt64(m * 1000 + n * 10 + d))
        let a = RowMajorMatrix(rows: m, columns: d, values: (0..<(m * d)).map { _ in Float.random(in: -1...1, using: &generator) })
        let b = RowMajorMatrix(rows: n, columns: d, values: (0..<(n * d)).map { _ in Float.random(in: -1...1, using: &generator) })
        let product = a.innerProducts(with: b)
        #expect(product.rows == m && product.columns == n)
        for i in 0..<m {
            for j in 0..<n {
                var expected = 0.0
                for k in 0..<d { expected += Double(a.values[i * d + k]) * Double(b.values[j * d + k]) }
                #expect(abs(Double(product.values[i * n + j]) - expected) < 1e-4)
            }
        }
    }
}
