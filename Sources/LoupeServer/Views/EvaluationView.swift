import Foundation
import LoupeCatalog

/// A stored evaluation in a list: its key, kind and headline metrics.
struct EvaluationSummaryView: Encodable, Sendable {
    var key: String
    var kind: String
    var createdAt: Date
    var summary: [MetricRecord]

    init(_ evaluation: Evaluation) {
        key = evaluation.key
        kind = evaluation.kind.rawValue
        createdAt = evaluation.createdAt
        summary = evaluation.summary
    }
}

/// `GET /runs/{run}/evaluations`.
struct EvaluationListView: Encodable, Sendable {
    var run: String
    var evaluations: [EvaluationSummaryView]
}

/// `GET /runs/{run}/evaluations/{key}`: everything stored with the evaluation.
struct EvaluationDetailView: Encodable, Sendable {
    var run: String
    var key: String
    var kind: String
    var createdAt: Date
    var parameters: JSONValue
    var summary: [MetricRecord]
    var perClass: [ClassMetricRecords]
    var details: JSONValue

    init(run: String, evaluation: Evaluation) {
        self.run = run
        key = evaluation.key
        kind = evaluation.kind.rawValue
        createdAt = evaluation.createdAt
        parameters = JSONValue(parsing: evaluation.parametersJSON)
        summary = evaluation.summary
        perClass = evaluation.perClass
        details = JSONValue(parsing: evaluation.detailsJSON)
    }
}

/// One row's result in an evaluation; the fields of the other task are left out.
struct EvaluationRowView: Encodable, Sendable {
    var key: String
    var tp: Int?
    var fp: Int?
    var fn: Int?
    var iou: Double?
    var correct: Bool?
    var confidence: Double?
    var margin: Double?
    var entropy: Double?

    init(key: String, result: EvaluationRowResult) {
        self.key = key
        tp = result.truePositives
        fp = result.falsePositives
        fn = result.falseNegatives
        iou = result.meanIoU
        correct = result.correct
        confidence = result.confidence
        margin = result.margin
        entropy = result.entropy
    }
}

/// `GET /runs/{run}/evaluations/{key}/rows`: one page of per-row results in row order.
struct EvaluationRowPageView: Encodable, Sendable {
    var run: String
    var key: String
    /// The dataset the rows belong to; absent when the evaluation has no rows.
    var dataset: String?
    var rows: [EvaluationRowView]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case run, key, dataset, rows, nextCursor
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(run, forKey: .run)
        try container.encode(key, forKey: .key)
        try container.encodeIfPresent(dataset, forKey: .dataset)
        try container.encode(rows, forKey: .rows)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
