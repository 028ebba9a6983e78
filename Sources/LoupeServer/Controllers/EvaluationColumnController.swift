import Foundation
import Hummingbird
import LoupeCatalog
import LoupeCore

/// `GET /runs/{run}/evaluations/{key}/column?metric=…`: one per-row metric of an evaluation for
/// every row it scored, as two parallel arrays in row order — what the projector colours a layout
/// by (correctness, confidence, errors), in one request however many rows there are.
struct EvaluationColumnController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the route on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("runs/:run/evaluations/:key/column", use: column)
    }

    @Sendable func column(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<EvaluationColumnView> {
        let lookup = CatalogLookup(store: store)
        let (model, run) = try await lookup.run(context.pathParameter("run"))
        let evaluation = try await lookup.evaluation(of: run, key: context.pathParameter("key"))
        let query = try QueryParameters(request)
        guard let metric = try query.nonEmpty("metric") else {
            throw APIError.badRequest("metric is required: one of \(EvaluationColumnView.metrics.joined(separator: ", "))", field: "metric")
        }
        guard EvaluationColumnView.metrics.contains(metric) else {
            throw APIError.badRequest("metric must be one of \(EvaluationColumnView.metrics.joined(separator: ", ")), not '\(metric)'", field: "metric")
        }
        let rows = try await Page.all { try await store.evaluationRows(evaluationID: evaluation.id, page: $0) }
        guard let (dataset, keys) = try await RowKeyResolver(store: store).keys(of: rows.map(\.rowID)) else {
            return JSONResponse(value: EvaluationColumnView(run: "\(model.name)/\(run.name)", key: evaluation.key, dataset: nil,
                                                            metric: metric, keys: [], values: []))
        }
        let kept = rows.filter { keys[$0.rowID] != nil }
        return JSONResponse(value: EvaluationColumnView(
            run: "\(model.name)/\(run.name)", key: evaluation.key, dataset: dataset.name, metric: metric,
            keys: kept.map { keys[$0.rowID]! }, values: kept.map { Self.value(metric, of: $0) }))
    }

    /// The row's value of `metric`; `nil` where the evaluation has none (a classification row's TP).
    static func value(_ metric: String, of row: EvaluationRowResult) -> Double? {
        switch metric {
        case "tp": row.truePositives.map(Double.init)
        case "fp": row.falsePositives.map(Double.init)
        case "fn": row.falseNegatives.map(Double.init)
        case "errors":
            row.falsePositives == nil && row.falseNegatives == nil ? nil : Double((row.falsePositives ?? 0) + (row.falseNegatives ?? 0))
        case "iou": row.meanIoU
        case "correct": row.correct.map { $0 ? 1 : 0 }
        case "confidence": row.confidence
        case "margin": row.margin
        default: row.entropy
        }
    }
}

/// `GET /runs/{run}/evaluations/{key}/column`.
struct EvaluationColumnView: Encodable, Sendable {
    /// The metrics a column can hold: the filter language's run metrics, and `errors` (FP + FN).
    static let metrics = RunRowMetric.allCases.map(\.rawValue) + ["errors"]

    var run: String
    var key: String
    /// The dataset of the rows; absent for an evaluation without rows.
    var dataset: String?
    var metric: String
    var keys: [String]
    /// One per key; null where the row has no value of the metric.
    var values: [Double?]
}
