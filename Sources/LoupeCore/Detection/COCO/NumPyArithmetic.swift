/// NumPy's floating-point recipes, reproduced operation for operation so that values computed
/// here are bitwise equal to the ones pycocotools computes with NumPy (2.x).
enum NumPyArithmetic {
    /// `np.spacing(1)`: the gap between 1 and the next double, `2⁻⁵²`.
    static let spacingOfOne = Double.ulpOfOne

    /// `np.linspace(start, stop, count)` with `endpoint=True`: `i * step + start` with
    /// `step = (stop - start) / (count - 1)` (a product, then a sum, never fused), and the last
    /// value set to `stop`. When the step underflows to zero NumPy divides first:
    /// `i / (count - 1) * (stop - start) + start`.
    /// - Complexity: O(count).
    static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
        precondition(count >= 0, "linspace needs a non-negative count")
        guard count > 1 else { return count == 1 ? [start] : [] }
        let div = Double(count - 1)
        let delta = stop - start
        let step = delta / div
        var values = [Double](repeating: 0, count: count)
        for i in 0..<count {
            let scaled = step == 0 ? (Double(i) / div) * delta : Double(i) * step
            values[i] = scaled + start
        }
        values[count - 1] = stop
        return values
    }

    /// `np.add.reduce` of a contiguous float64 vector: `0.0` plus NumPy's pairwise sum (blocks of
    /// at most 128 summed with eight interleaved accumulators, larger ranges split in two at a
    /// multiple of eight).
    /// - Complexity: O(n).
    static func sum(_ values: UnsafeBufferPointer<Double>) -> Double {
        0.0 + pairwiseSum(values.baseAddress, values.count)
    }

    /// `np.mean` of a contiguous float64 vector: `sum / count`; `nil` for an empty vector.
    /// - Complexity: O(n).
    static func mean(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return values.withUnsafeBufferPointer { sum($0) } / Double(values.count)
    }

    /// `pairwise_sum_DOUBLE` from NumPy's `loops_utils.h.src`.
    private static func pairwiseSum(_ a: UnsafePointer<Double>?, _ n: Int) -> Double {
        guard let a else { return 0 }
        if n < 8 {
            var result = 0.0
            for i in 0..<n { result += a[i] }
            return result
        }
        if n <= 128 {
            var r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3]
            var r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7]
            var i = 8
            let end = n - n % 8
            while i < end {
                r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3]
                r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7]
                i += 8
            }
            var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n {
                result += a[i]
                i += 1
            }
            return result
        }
        var half = n / 2
        half -= half % 8
        return pairwiseSum(a, half) + pairwiseSum(a + half, n - half)
    }
}
