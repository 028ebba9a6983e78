import CVectorKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import LoupeCore
import Testing

@Suite("Vector distance kernels")
struct VectorKernelsTests {
    /// Random vectors of `count` values and their dot product and squared L2 distance in double precision.
    static func reference(_ count: Int) -> (a: [Float], b: [Float], dot: Double, l2: Double) {
        var generator = SplitMix64(seed: UInt64(count))
        let a = (0..<count).map { _ in Float.random(in: -2...2, using: &generator) }
        let b = (0..<count).map { _ in Float.random(in: -2...2, using: &generator) }
        var dot = 0.0, l2 = 0.0
        for i in 0..<count {
            dot += Double(a[i]) * Double(b[i])
            l2 += (Double(a[i]) - Double(b[i])) * (Double(a[i]) - Double(b[i]))
        }
        return (a, b, dot, l2)
    }

    @Test("Every supported path and the dispatched kernels match a double-precision sum, odd lengths 1…257",
          arguments: Array(stride(from: 1, through: 257, by: 2)) + [8, 16, 32, 64, 128, 256])
    func kernels(count: Int) {
        let (a, b, dot, l2) = Self.reference(count)
        // Terms are at most 4 (dot) or 16 (l2) in magnitude; float32 sums drift by ~count · ulp.
        let tolerance = 1e-5 * Double(count) * 16
        let paths = VectorKernels.Path.allCases.filter(\.isSupported)
        #expect(paths.contains(.portable))
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                let (x, y) = (a.baseAddress!, b.baseAddress!)
                for path in paths {
                    #expect(abs(Double(VectorKernels.dot(on: path, x, y, count)) - dot) < tolerance, "\(path)")
                    #expect(abs(Double(VectorKernels.squaredL2(on: path, x, y, count)) - l2) < tolerance, "\(path)")
                }
                let active = VectorKernels.activePath
                #expect(VectorKernels.dot(x, y, count) == VectorKernels.dot(on: active, x, y, count))
                #expect(VectorKernels.squaredL2(x, y, count) == VectorKernels.squaredL2(on: active, x, y, count))
                #expect(VectorKernels.distance(.cosine, x, y, count) == 1 - VectorKernels.dot(x, y, count))
                #expect(VectorKernels.distance(.innerProduct, x, y, count) == -VectorKernels.dot(x, y, count))
                #expect(VectorKernels.distance(.l2, x, y, count) == VectorKernels.squaredL2(x, y, count))
            }
        }
    }

    @Test("The widest path the CPU supports is active unless LOUPE_VECTOR_KERNELS caps it")
    func dispatch() {
        let widest = VectorKernels.Path.allCases.last(where: \.isSupported)!
        let cap: VectorKernels.Path? = switch getenv("LOUPE_VECTOR_KERNELS").map({ String(cString: $0) }) {
        case "portable": .portable
        case "avx2": .avx2FMA
        default: nil
        }
        let expected = cap.map { cap in VectorKernels.Path.allCases.last { $0.isSupported && $0.rawValue <= cap.rawValue }! } ?? widest
        #expect(VectorKernels.activePath == expected)
    }

    @Test("The batch kernel gives each strided vector's distance in every metric")
    func batch() {
        let dimension = 37, stride = 4 * (dimension + 5), rows = 9
        var generator = SplitMix64(seed: 3)
        let storage = (0..<(rows * (dimension + 5))).map { _ in Float.random(in: -1...1, using: &generator) }
        let query = (0..<dimension).map { _ in Float.random(in: -1...1, using: &generator) }
        let slots: [Int32] = [4, 0, 8, 4, 2]
        for (metric, code) in [(VectorMetric.l2, LVK_METRIC_L2), (.innerProduct, LVK_METRIC_INNER_PRODUCT), (.cosine, LVK_METRIC_COSINE)] {
            var out = [Float](repeating: .nan, count: slots.count)
            storage.withUnsafeBufferPointer { base in
                lvk_distances(Int32(code), query, UnsafeRawPointer(base.baseAddress! + 5), stride, slots, slots.count, dimension, &out)
                for (i, slot) in slots.enumerated() {
                    let vector = base.baseAddress! + 5 + Int(slot) * (dimension + 5)
                    #expect(out[i] == VectorKernels.distance(metric, query, vector, dimension), "\(metric) slot \(slot)")
                }
            }
        }
    }
}
