/// Slice discovery: candidate row sets (metadata predicates, their pairs, embedding clusters) where
/// a run's per-row outcome is significantly worse than on the rest of the dataset.
///
/// Method:
/// 1. Rows with no outcome are dropped from every slice and complement. A candidate is tested when it
///    and its complement both keep at least `minimumSize` rows; a candidate with exactly the rows of
///    an earlier one (a conjunction equal to one of its parts) is skipped, so it is not counted twice.
/// 2. Each is tested against its complement (`SliceComparison`): 0/1 outcomes (correctness) with the
///    two-proportion z-test, continuous outcomes (IoU, loss) with Welch's t-test, both two-sided. The
///    z and Welch tests rest on the central limit theorem, which `minimumSize` (default 30) keeps
///    reasonable; Mann–Whitney is not used because its effect (a rank shift) would not be in the
///    metric's unit.
/// 3. Benjamini–Hochberg across all tested candidates gives each a q-value; a slice is significant
///    when `q ≤ level` (default 0.05) and its effect is worse (below the complement when higher is
///    better, above it otherwise). The false discovery rate is controlled for the two-sided
///    family, so reporting only the worse side stays conservative.
/// 4. Significant slices are ranked by effect (most harmful first), then size (larger first), then name.
///
/// Reference: the slice-finding procedure of Chung et al., "Slice Finder: Automated Data Slicing for
/// Model Validation" (ICDE 2019), with BH in place of α-investing.
public enum SliceDiscovery {
    /// The per-row outcome of a run.
    public enum Outcome: Hashable, Sendable {
        /// Correct or not per row (`nil`: not evaluated); tested with the two-proportion z-test.
        case correct([Bool?])
        /// A per-row metric (`nil` or non-finite: not evaluated); tested with Welch's t-test.
        case metric([Double?])

        /// The number of rows.
        public var count: Int {
            switch self {
            case .correct(let values): values.count
            case .metric(let values): values.count
            }
        }
    }

    /// Settings, with documented defaults.
    public struct Parameters: Hashable, Sendable, Codable {
        /// The false discovery rate level `q` (default 0.05).
        public var level: Double
        /// The fewest rows with an outcome in a slice and in its complement (default 30).
        public var minimumSize: Int
        /// Whether a larger outcome is better (accuracy, IoU; default) or worse (loss, error).
        public var higherIsBetter: Bool
        /// Coverage of the effect intervals (default 0.95).
        public var confidence: Double

        /// Parameters with the documented defaults.
        public init(level: Double = 0.05, minimumSize: Int = 30, higherIsBetter: Bool = true, confidence: Double = 0.95) {
            self.level = level
            self.minimumSize = minimumSize
            self.higherIsBetter = higherIsBetter
            self.confidence = confidence
        }
    }

    /// The outcome of a discovery.
    public struct Result: Hashable, Sendable, Codable {
        /// Every tested candidate in input order, with its q-value.
        public var tested: [DiscoveredSlice]
        /// The significant worse slices, ranked (see the type).
        public var significant: [DiscoveredSlice]
        /// Names of the candidates skipped as too small or a duplicate row set.
        public var skipped: [String]
    }

    /// Tests `candidates` against `outcome` (see the type).
    /// - Throws: `DataIssueInputError` for a candidate row outside the outcome, a parameter out of
    ///   range (`level` and `confidence` in `(0, 1)`, `minimumSize ≥ 2`) or duplicate candidate names.
    /// - Complexity: O(C · n) for `C` candidates over `n` rows, plus O(C log C) for BH.
    public static func discover(outcome: Outcome, candidates: [SliceCandidate], parameters: Parameters = Parameters())
        throws(DataIssueInputError) -> Result {
        guard parameters.level > 0 && parameters.level < 1, parameters.confidence > 0 && parameters.confidence < 1,
              parameters.minimumSize >= 2 else {
            throw DataIssueInputError(reason: "slice discovery needs 0 < level < 1, 0 < confidence < 1 and minimumSize ≥ 2")
        }
        var names = Set<String>()
        for candidate in candidates {
            guard names.insert(candidate.name).inserted else {
                throw DataIssueInputError(reason: "two slice candidates are named \"\(candidate.name)\"")
            }
            if let bad = candidate.rows.first(where: { $0 < 0 || $0 >= outcome.count }) {
                throw DataIssueInputError(row: bad, reason: "candidate \"\(candidate.name)\" has a row outside 0..<\(outcome.count)")
            }
        }
        let values: [Double?]
        switch outcome {
        case .correct(let correct): values = correct.map { $0.map { $0 ? 1 : 0 } }
        case .metric(let metric): values = metric.map { $0.flatMap { $0.isFinite ? $0 : nil } }
        }
        let present = values.compactMap { $0 }
        let total = present.reduce(0, +)
        var seen = Set<[Int]>(), skipped: [String] = []
        var tested: [(SliceCandidate, SliceComparison)] = []
        for candidate in candidates {
            let rows = candidate.rows.filter { values[$0] != nil }
            guard rows.count >= parameters.minimumSize, present.count - rows.count >= parameters.minimumSize,
                  seen.insert(rows).inserted else {
                skipped.append(candidate.name)
                continue
            }
            let comparison: SliceComparison
            switch outcome {
            case .correct:
                let inside = rows.reduce(0) { $0 + Int(values[$1]!) }
                comparison = .twoProportion(successes: inside, size: rows.count,
                                            complementSuccesses: Int(total) - inside, complementSize: present.count - rows.count,
                                            confidence: parameters.confidence)
            case .metric:
                var member = [Bool](repeating: false, count: values.count)
                for row in rows { member[row] = true }
                let complement = values.indices.compactMap { member[$0] ? nil : values[$0] }
                comparison = .welch(rows.map { values[$0]! }, complement, confidence: parameters.confidence)
            }
            tested.append((candidate, comparison))
        }
        let q = BenjaminiHochberg.adjusted(tested.map(\.1.pValue))
        let sign: Double = parameters.higherIsBetter ? 1 : -1
        let results = tested.enumerated().map { index, pair in
            DiscoveredSlice(candidate: pair.0, comparison: pair.1, qValue: q[index],
                            isSignificant: q[index] <= parameters.level && sign * pair.1.effect < 0)
        }
        let significant = results.filter(\.isSignificant).sorted { a, b in
            let ea = sign * a.comparison.effect, eb = sign * b.comparison.effect
            if ea != eb { return ea < eb }
            if a.comparison.size != b.comparison.size { return a.comparison.size > b.comparison.size }
            return a.candidate.name < b.candidate.name
        }
        return Result(tested: results, significant: significant, skipped: skipped)
    }
}
