import LoupeCatalog

/// The parameters an evaluation job records: the run, the dataset, the options and `replace`.
struct EvaluationJobParameters: Encodable, Sendable {
    var model: String
    var run: String
    var dataset: String
    var options: RunEvaluationOptions
    var replace: Bool
}
