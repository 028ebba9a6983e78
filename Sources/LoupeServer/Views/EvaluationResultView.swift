import LoupeCatalog

/// The result of an evaluation job.
struct EvaluationResultView: Encodable, Sendable {
    var model: String
    var run: String
    var dataset: String
    var key: String
    var kind: String
    var summary: [MetricRecord]
}
