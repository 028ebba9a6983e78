extension VOCParameters.Interpolation {
    /// Average precision from a precision/recall curve in rank order (recall non-decreasing).
    ///
    /// - `.allPoints` (VOC2010+, `VOCap.m`): pad recall with 0 and 1 and precision with 0 and 0,
    ///   replace each precision by the maximum precision at its position or later (the monotone
    ///   envelope), then sum `(r[i] - r[i-1]) * p[i]` in order over the positions where recall
    ///   changes.
    /// - `.elevenPoint` (VOC2007): for the levels `r = i * 0.1`, `i = 10, 9, …, 0`, take the
    ///   highest precision among points with recall `>= r` (0 when none), sum in that order and
    ///   divide by 11. The levels are computed as `Double(i) * 0.1`, exactly as NumPy's
    ///   `linspace(0, 1, 11)` (Padilla et al.) and `arange(0, 1.1, 0.1)` (`voc_eval.py`) build
    ///   them, so levels 3, 6 and 7 are one ulp above the decimals (`0.30000000000000004`,
    ///   `0.6000000000000001`, `0.7000000000000001`) and a recall of exactly `9/15 = 0.6` does not
    ///   reach level 0.6. The published VOC and toolkit numbers depend on this.
    ///
    /// An empty curve gives 0.
    /// - Precondition: `recall.count == precision.count`.
    /// - Complexity: O(n).
    public func averagePrecision(recall: [Double], precision: [Double]) -> Double {
        precondition(recall.count == precision.count, "averagePrecision: \(recall.count) recalls, \(precision.count) precisions")
        let n = recall.count
        // Suffix maxima: envelope[i] = max(precision[i...]); envelope[n] = 0 (the padded end).
        var envelope = [Double](repeating: 0, count: n + 1)
        var running = 0.0
        for i in stride(from: n - 1, through: 0, by: -1) {
            running = max(running, precision[i])
            envelope[i] = running
        }
        switch self {
        case .allPoints:
            var ap = 0.0
            var previous = 0.0
            for i in 0..<n where recall[i] != previous {
                ap += (recall[i] - previous) * envelope[i]
                previous = recall[i]
            }
            // The padded end point (recall 1, precision 0) adds `(1 - previous) * 0`.
            return ap
        case .elevenPoint:
            var sum = 0.0
            var first = n  // first index with recall >= level; levels descend, so it only moves left
            for level in stride(from: 10, through: 0, by: -1) {
                let r = Double(level) * 0.1
                while first > 0, recall[first - 1] >= r { first -= 1 }
                sum += envelope[first]
            }
            return sum / 11
        }
    }
}
