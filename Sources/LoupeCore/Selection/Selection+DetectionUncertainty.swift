#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Selection {
    /// The confidence band in which a predicted box counts as uncertain: scores `s` with
    /// `lower ≤ s ≤ upper` (both inclusive).
    public struct UncertaintyBand: Hashable, Sendable, Codable {
        /// The lowest uncertain score (default 0.2).
        public var lower: Double
        /// The highest uncertain score (default 0.8).
        public var upper: Double

        /// A band; the default is 0.2 – 0.8.
        /// - Precondition: `0 ≤ lower ≤ upper ≤ 1`.
        public init(lower: Double = 0.2, upper: Double = 0.8) {
            precondition(lower >= 0 && lower <= upper && upper <= 1, "UncertaintyBand: need 0 ≤ \(lower) ≤ \(upper) ≤ 1")
            self.lower = lower
            self.upper = upper
        }

        /// Whether `score` lies in the band.
        public func contains(_ score: Double) -> Bool { score >= lower && score <= upper }
    }

    /// Detection uncertainty: per row, the boxes whose confidence lies in `band` (the detector
    /// could not decide whether they are objects), scored by the sum of their binary entropies
    /// `h(s) = −s ln s − (1 − s) ln(1 − s)` (nats; at most ln 2 ≈ 0.693 per box, at `s = 0.5`).
    /// Many half-sure boxes make a row worth labeling; confident detections and low-score noise
    /// below the band add nothing.
    ///
    /// Score: the summed entropy. Components: `"detection_entropy"` and `"uncertain_boxes"` (the
    /// count). Ties (e.g. rows without uncertain boxes, all scoring 0) go to the lower index.
    /// Reason, e.g. "3 uncertain boxes (scores 0.2–0.8), entropy 1.85 nats".
    /// - Parameter boxScores: per row, the confidence scores of its predicted boxes (any order;
    ///   an empty array for a row without predictions).
    /// - Throws: `SelectionInputError` for a score that is not in `[0, 1]` or a bad pool.
    /// - Complexity: O(p log p + boxes in the pool).
    /// - Reference: the "entropy of uncertain detections" family of Brust, Käding and Denzler,
    ///   "Active learning for deep object detection" (VISAPP 2019) and Haussmann et al., "Scalable
    ///   active learning for object detection" (IV 2020), with sum aggregation.
    public static func detectionUncertainty(boxScores: [[Double]], pool: [Int], budget: Int,
                                            band: UncertaintyBand = UncertaintyBand()) throws(SelectionInputError) -> [SelectedRow] {
        try check(pool: pool, rowCount: boxScores.count, budget: budget)
        var rows: [SelectedRow] = []
        rows.reserveCapacity(pool.count)
        for row in pool {
            var entropy = 0.0, count = 0
            for s in boxScores[row] {
                guard s >= 0 && s <= 1 else { throw SelectionInputError(row: row, reason: "box score \(s) is not in [0, 1]") }
                guard band.contains(s) else { continue }
                count += 1
                entropy += binaryEntropy(s)
            }
            let reason = count == 0
                ? "no uncertain boxes (scores \(format(band.lower))–\(format(band.upper)))"
                : "\(count) uncertain box\(count == 1 ? "" : "es") (scores \(format(band.lower))–\(format(band.upper))), entropy \(format(entropy)) nats"
            rows.append(SelectedRow(index: row, score: entropy,
                                    components: [.init(name: "detection_entropy", value: entropy),
                                                 .init(name: "uncertain_boxes", value: Double(count))],
                                    reason: reason))
        }
        return best(rows, budget: budget)
    }

    /// Per row, the summed binary entropy of its boxes in `band` (the score of
    /// `detectionUncertainty`), for every row.
    /// - Throws: `SelectionInputError` for a score that is not in `[0, 1]`.
    /// - Complexity: O(total boxes).
    public static func detectionEntropies(boxScores: [[Double]], band: UncertaintyBand = UncertaintyBand()) throws(SelectionInputError) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(boxScores.count)
        for (row, scores) in boxScores.enumerated() {
            var entropy = 0.0
            for s in scores {
                guard s >= 0 && s <= 1 else { throw SelectionInputError(row: row, reason: "box score \(s) is not in [0, 1]") }
                if band.contains(s) { entropy += binaryEntropy(s) }
            }
            result.append(entropy)
        }
        return result
    }

    /// `−s ln s − (1 − s) ln(1 − s)` with `0 ln 0 = 0`.
    static func binaryEntropy(_ s: Double) -> Double {
        var h = 0.0
        if s > 0 { h -= s * log(s) }
        if s < 1 { h -= (1 - s) * log(1 - s) }
        return h
    }
}
