import LoupeCore

/// `GET /runs/{run}/importance`: the fields ranked by how strongly they predict a per-row metric,
/// each exactly as `loupe importance --json` prints it.
struct ImportanceView: Encodable, Sendable {
    var run: String
    var dataset: String
    /// The evaluation's key.
    var key: String
    var metric: String
    var resamples: Int
    var seed: UInt64
    var fields: [MetricImportance.FieldImportance]
}
