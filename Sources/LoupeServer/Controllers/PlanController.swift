import Foundation
import Hummingbird
import LoupeCatalog
import LoupeCore

/// `/datasets/{dataset}/plan`: learning curves across a model's runs per class or per slice and,
/// with a budget, where new labels help most (`LearningCurveAnalysis`, as `loupe plan --json`).
struct PlanController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("datasets/:dataset/plan", use: plan)
    }

    /// `?model=NAME` (required), `by` (`classes` or `slices`), `budget` (≥ 1), `metric`, `key`
    /// (default `default`), `training_split` (comma-separated, default `train`), `resamples`
    /// (0–10,000, default 1,000; the CLI's `--bootstrap`).
    @Sendable func plan(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<LearningCurveAnalysis.Report> {
        let query = try QueryParameters(request)
        guard let modelName = query["model"], !modelName.isEmpty else {
            throw APIError.badRequest("the model query parameter is required", field: "model")
        }
        let grouping: LearningCurveAnalysis.Grouping = try query["by"].map { text throws(APIError) in
            guard let grouping = LearningCurveAnalysis.Grouping(rawValue: text) else {
                throw .badRequest("by must be classes or slices, not '\(text)'", field: "by")
            }
            return grouping
        } ?? .classes
        let budget = try query["budget"].map { _ throws(APIError) in try query.integer("budget", default: 1, in: 1...1_000_000_000) }
        let resamples = try query.integer("resamples", default: 1000, in: 0...10_000)
        let splits = (query["training_split"] ?? "train").split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !splits.isEmpty, !splits.contains(where: \.isEmpty) else {
            throw APIError.badRequest("training_split must list split names, comma-separated", field: "training_split")
        }
        let metric = query["metric"].flatMap { $0.isEmpty ? nil : $0 }
        let lookup = CatalogLookup(store: store)
        let dataset = try await lookup.dataset(context.pathParameter("dataset"))
        let model = try await lookup.model(modelName)
        do {
            return JSONResponse(value: try await LearningCurveAnalysis.analyze(
                store: store, dataset: dataset.name, model: model, groupBy: grouping, metric: metric, key: query["key"] ?? "default",
                trainingSplits: splits, budget: budget, options: LearningCurve.Options(bootstrapResamples: resamples)))
        } catch let error as StoreError where error.code == "invalid" {
            throw APIError.badRequest(error.message, field: "by")
        }
    }
}
