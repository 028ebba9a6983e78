@testable import LoupeCore
import Testing

@Suite("Vector distance kernels")
struct VectorKernelsTests {
    @Test("SIMD and scalar kernels agree with a double-precision sum", arguments: [1, 7, 8, 31, 32, 33, 128, 130])
    func kernels(count: Int) {
        var generator = SplitMix64(seed: UInt64(count))
        let a = (0..<count).map { _ in Float.random(in: -2...2, using: &generator) }
        let b = (0..<count).map { _ in Float.random(in: -2...2, using: &generator) }
        var dot = 0.0, l2 = 0.0
        for i in 0..<count {
            dot += Double(a[i]) * Double(b[i])
            l2 += (Double(a[i]) - Double(b[i])) * (Double(a[i]) - Double(b[i]))
        }
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                let (x, y) = (a.baseAddress!, b.baseAddress!)
                for value in [VectorKernels.dotSIMD(x, y, count), VectorKernels.dotScalar(x, y, count), VectorKernels.dot(x, y, count)] {
                    #expect(abs(Double(value) - dot) < 1e-4 * Double(count))
                }
                for value in [VectorKernels.squaredL2SIMD(x, y, count), VectorKernels.squaredL2Scalar(x, y, count), VectorKernels.squaredL2(x, y, count)] {
                    #expect(abs(Double(value) - l2) < 1e-4 * Double(count))
                }
                #expect(VectorKernels.distance(.cosine, x, y, count) == 1 - VectorKernels.dot(x, y, count))
                #expect(VectorKernels.distance(.innerProduct, x, y, count) == -VectorKernels.dot(x, y, count))
            }
        }
    }
}
