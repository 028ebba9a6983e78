import LoupeCore

/// Run B against run A on the rows both were evaluated on: each metric's values, the paired
/// difference `B − A` with a 95% bootstrap interval over rows, and a plain verdict.
public struct RunComparison: Sendable, Encodable {
    /// A verdict on B against A.
    public enum Verdict: String, Sendable, Encodable {
        /// The interval of the difference lies entirely on the better side of 0.
        case better
        /// It lies entirely on the worse side.
        case worse
        /// It contains 0: the data do not tell the runs apart.
        case notSignificant = "not_significant"

        init(_ verdict: PairedComparison.Verdict) {
            switch verdict {
            case .better: self = .better
            case .worse: self = .worse
            case .notSignificant: self = .notSignificant
            }
        }
    }

    /// One metric of both runs.
    public struct MetricComparison: Sendable, Encodable {
        public var name: String
        public var a: Double?
        public var b: Double?
        /// `b − a`, when both are defined.
        public var difference: Double?
        /// The paired bootstrap interval of the difference.
        public var lower: Double?
        public var upper: Double?
        /// Items the metric rests on (objects or rows).
        public var support: Int
        /// `nil` when either side is undefined.
        public var verdict: Verdict?

        /// A comparison from the two values and the bootstrap differences (`B − A` per resample).
        init(name: String, a: Double?, b: Double?, support: Int, differences: [Double], higherIsBetter: Bool = true) {
            self.name = name
            self.a = a
            self.b = b
            self.support = support
            guard let a, let b else { return }
            difference = b - a
            let sorted = differences.sorted()
            let interval = Quantile.linear(sorted: sorted, q: 0.025).flatMap { low in
                Quantile.linear(sorted: sorted, q: 0.975).map { Interval(lower: low, upper: $0, confidence: 0.95) }
            }
            lower = interval?.lower
            upper = interval?.upper
            verdict = Verdict(PairedComparison.verdict(interval: interval, higherIsBetter: higherIsBetter))
        }

        /// Two stored values with nothing to resample: the difference, no interval or verdict.
        init(name: String, a: Double, b: Double) {
            self.name = name
            self.a = a
            self.b = b
            support = 1
            difference = b - a
        }

        /// A comparison from LoupeCore's paired comparison of one metric.
        init(name: String, _ paired: PairedComparison) {
            self.name = name
            a = paired.valueA
            b = paired.valueB
            support = paired.support
            difference = paired.difference
            lower = paired.interval?.lower
            upper = paired.interval?.upper
            verdict = paired.verdict.map(Verdict.init)
        }
    }

    /// One class's metrics of both runs.
    public struct ClassComparison: Sendable, Encodable {
        public var className: String
        public var metrics: [MetricComparison]
    }

    /// A row whose outcome changed between the runs.
    public struct RowChange: Sendable, Encodable {
        public var key: String
        /// Detection: B's minus A's true positives, false positives and missed objects.
        public var truePositives: Int?
        public var falsePositives: Int?
        public var falseNegatives: Int?
        /// Classification: `fixed` (A wrong, B right), `broken` (A right, B wrong).
        public var flip: String?
    }

    /// McNemar's exact test on the rows' correctness (classification).
    public struct McNemar: Sendable, Encodable {
        /// Rows A got right and B wrong.
        public var broken: Int
        /// Rows A got wrong and B right.
        public var fixed: Int
        public var bothRight: Int
        public var stillWrong: Int
        /// Two-sided exact p-value.
        public var pValue: Double
    }

    /// The headline metric on one saved slice.
    public struct SliceComparison: Sendable, Encodable {
        public var slice: String
        public var rows: Int
        public var metric: MetricComparison?
        /// Why the slice could not be compared (no shared row, a name that no longer resolves).
        public var unavailable: String?

        /// A slice's comparison, or why there is none.
        public init(slice: String, rows: Int, metric: MetricComparison? = nil, unavailable: String? = nil) {
            self.slice = slice
            self.rows = rows
            self.metric = metric
            self.unavailable = unavailable
        }
    }

    /// `detection` or `classification`.
    public var kind: String
    /// Rows both runs were evaluated on.
    public var rows: Int
    /// Bootstrap resamples behind the intervals.
    public var resamples: Int
    public var metrics: [MetricComparison]
    public var perClass: [ClassComparison]
    public var mcnemar: McNemar?
    /// Rows whose outcome changed, largest change first (detection: by |ΔFP| + |ΔFN|).
    public var changes: [RowChange]
    /// Detection: rows with fewer errors in B, more, and the same.
    public var rowsImproved: Int
    public var rowsWorse: Int
    public var rowsUnchanged: Int
    /// The headline metric (AP or accuracy) on each saved slice, when asked for.
    public var slices: [SliceComparison]? = nil
    /// The custom metrics both runs carry: a row metric as its mean over the compared rows that
    /// have it in both runs, with a paired interval; run and class values as they are (no rows to
    /// resample, so no interval). Named `NAME`, or `NAME:CLASS` for a class's value.
    public var customMetrics: [MetricComparison] = []
}
