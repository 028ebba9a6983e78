/// A run's metrics on a slice: how many evaluated rows it holds, the summary and per-class
/// metrics, each with support and an interval.
public struct SliceMetricsReport: Sendable, Codable {
    /// Evaluated rows in the slice.
    public var rows: Int
    /// Overall metrics.
    public var summary: [MetricRecord]
    /// Per-class metrics (detection).
    public var perClass: [ClassMetricRecords]

    /// A report.
    public init(rows: Int, summary: [MetricRecord], perClass: [ClassMetricRecords]) {
        self.rows = rows
        self.summary = summary
        self.perClass = perClass
    }
}
