import LoupeCatalog

/// A run's metrics on a slice, as `GET /datasets/{dataset}/slices/{name}/metrics` returns them.
struct SliceMetricsView: Encodable, Sendable {
    var slice: String
    var filter: String
    var model: String
    var run: String
    /// The stored evaluation the metrics are recomputed from.
    var key: String
    /// Bootstrap resamples behind the intervals.
    var resamples: Int
    /// Evaluated rows the slice holds.
    var rows: Int
    var summary: [MetricRecord]
    var perClass: [ClassMetricRecords]
}
