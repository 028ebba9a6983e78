/// Expected calibration error with the data of a reliability diagram: how far the top-class
/// confidence is from the accuracy it should predict.
///
/// Definition (Guo et al., "On Calibration of Modern Neural Networks", 2017, eq. 3):
/// - each row's confidence is its top-class probability and it is correct when that top class
///   (the lowest index on ties, `numpy.argmax`) is the true class; this may differ from
///   `predictedLabels` when those were given separately;
/// - `B` equal-width bins with edges `e_b = b · (1/B)` for `b = 0..<B` and `e_B = 1`
///   (`numpy.linspace(0, 1, B + 1)`); bin `b` holds confidences in `(e_b, e_{b+1}]`, closed on
///   the right, and the first bin also holds confidence 0 (`[e_0, e_1]`), so every value in
///   `[0, 1]` falls in exactly one bin (`numpy.searchsorted(edges, conf, side="left") - 1`,
///   clipped at 0);
/// - `ECE = Σ_b (n_b / n) · |accuracy_b - confidence_b|`, bins weighted by their row counts;
///   empty bins contribute nothing.
public struct CalibrationReport: Hashable, Sendable, Codable {
    /// One bin of the reliability diagram.
    public struct Bin: Hashable, Sendable, Codable {
        /// The bin's lower edge (exclusive, except 0 for the first bin).
        public var lowerEdge: Double
        /// The bin's upper edge (inclusive).
        public var upperEdge: Double
        /// Rows whose confidence falls in the bin.
        public var count: Int
        /// The mean confidence of those rows; `nil` for an empty bin.
        public var meanConfidence: Double?
        /// The fraction of those rows whose top class is correct; `nil` for an empty bin.
        public var accuracy: Double?

        /// A bin from its parts.
        public init(lowerEdge: Double, upperEdge: Double, count: Int, meanConfidence: Double?, accuracy: Double?) {
            self.lowerEdge = lowerEdge
            self.upperEdge = upperEdge
            self.count = count
            self.meanConfidence = meanConfidence
            self.accuracy = accuracy
        }
    }

    /// The default bin count.
    public static let defaultBinCount = 15

    /// The bins, from confidence 0 up.
    public var bins: [Bin]
    /// The expected calibration error; support `n` rows.
    public var expectedCalibrationError: MetricEstimate

    /// The report of `confidences` and `correct` flags (one per row) over `binCount` bins.
    /// `nil` when there are no rows.
    /// - Precondition: `binCount >= 1`, equal lengths, confidences in `[0, 1]`.
    /// - Complexity: O(n + binCount).
    public init?(confidences: [Double], correct: [Bool], binCount: Int = defaultBinCount) {
        precondition(binCount >= 1 && confidences.count == correct.count, "CalibrationReport: bad bin count or lengths")
        guard !confidences.isEmpty else { return nil }
        let step = 1.0 / Double(binCount)
        var edges = (0...binCount).map { Double($0) * step }
        edges[binCount] = 1
        var counts = [Int](repeating: 0, count: binCount)
        var confidenceSums = [Double](repeating: 0, count: binCount)
        var hits = [Int](repeating: 0, count: binCount)
        for (confidence, isCorrect) in zip(confidences, correct) {
            precondition(confidence >= 0 && confidence <= 1, "CalibrationReport: confidence \(confidence) is outside [0, 1]")
            let bin = Self.bin(of: confidence, edges: edges)
            counts[bin] += 1
            confidenceSums[bin] += confidence
            if isCorrect { hits[bin] += 1 }
        }
        let n = Double(confidences.count)
        var error = 0.0
        bins = (0..<binCount).map { b in
            guard counts[b] > 0 else {
                return Bin(lowerEdge: edges[b], upperEdge: edges[b + 1], count: 0, meanConfidence: nil, accuracy: nil)
            }
            let meanConfidence = confidenceSums[b] / Double(counts[b])
            let accuracy = Double(hits[b]) / Double(counts[b])
            error += Double(counts[b]) / n * abs(accuracy - meanConfidence)
            return Bin(lowerEdge: edges[b], upperEdge: edges[b + 1], count: counts[b],
                       meanConfidence: meanConfidence, accuracy: accuracy)
        }
        expectedCalibrationError = MetricEstimate(value: error, support: confidences.count)
    }

    /// The bin `b` with `edges[b] < confidence <= edges[b + 1]`, or 0 for confidence 0.
    private static func bin(of confidence: Double, edges: [Double]) -> Int {
        let last = edges.count - 2
        // A first guess from the arithmetic, then corrected against the edges themselves so that
        // rounding in `confidence * binCount` cannot move a value across an edge.
        var b = min(max(Int((confidence * Double(last + 1)).rounded(.up)) - 1, 0), last)
        while b > 0, confidence <= edges[b] { b -= 1 }
        while b < last, confidence > edges[b + 1] { b += 1 }
        return b
    }
}
