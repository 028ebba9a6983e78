import Foundation
import Hummingbird
import LoupeCatalog
import LoupeCore

/// `GET /runs/{run}/slice-discovery`: the slices of a dataset where a run does significantly
/// worse than on the rest (metadata values and bins, their pairs, and optionally an embedding
/// space's clusters; Benjamini–Hochberg across them), as `loupe slices discover`.
struct SliceDiscoveryController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the route on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("runs/:run/slice-discovery", use: discover)
    }

    /// `?dataset` (default the run's), `key` (default `default`), `metric` (default errors for
    /// detection, correct for classification), `space` and `clusters` (default 8) to add an
    /// embedding space's k-means clusters, `min_size` (default 30), `level` (the false discovery
    /// rate, default 0.05).
    @Sendable func discover(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<SliceDiscoveryView> {
        let query = try QueryParameters(request)
        let lookup = CatalogLookup(store: store)
        let (model, run) = try await lookup.run(context.pathParameter("run"))
        let evaluation = try await lookup.evaluation(of: run, key: query["key"] ?? "default")
        var metric = RunMetricImportance.Metric.default(for: evaluation.kind)
        if let name = query["metric"] {
            guard let parsed = RunMetricImportance.Metric(rawValue: name) else {
                let names = RunMetricImportance.Metric.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.badRequest("metric must be one of \(names), not '\(name)'", field: "metric")
            }
            metric = parsed
        }
        let minimumSize = try query.integer("min_size", default: 30, in: 2...Int(Int32.max))
        let clusters = try query.integer("clusters", default: 8, in: 2...1000)
        let level: Double
        if let text = query["level"] {
            guard let value = Double(text), value > 0, value < 1 else {
                throw APIError.badRequest("level must be a false discovery rate between 0 and 1, not '\(text)'", field: "level")
            }
            level = value
        } else {
            level = 0.05
        }
        let dataset: Dataset
        if let name = try query.nonEmpty("dataset") {
            dataset = try await lookup.dataset(name)
        } else {
            guard let found = try await lookup.dataset(of: run) else { throw APIError.notFound("run '\(run.name)' has no rows in any dataset") }
            dataset = found
        }
        var embedding: (space: EmbeddingSpace, k: Int)?
        if let space = try query.nonEmpty("space") { embedding = (try await lookup.embeddingSpace(space), clusters) }
        let outcome: (tested: Int, found: [RunSliceDiscovery.Found])
        do {
            outcome = try await RunSliceDiscovery.discover(store: store, dataset: dataset.name, evaluation: evaluation, metric: metric,
                                                           clusters: embedding, minimumSize: minimumSize, level: level)
        } catch let error as StoreError where error.code == "invalid" {
            throw APIError.badRequest(error.message, field: "metric")
        }
        return JSONResponse(value: SliceDiscoveryView(
            run: "\(model.name)/\(run.name)", dataset: dataset.name, key: evaluation.key, metric: metric.rawValue,
            higherIsBetter: ![.errors, .fp, .fn, .entropy].contains(metric), tested: outcome.tested, level: level,
            slices: outcome.found.map(RunSliceDiscovery.Summary.init)))
    }
}

/// `GET /runs/{run}/slice-discovery`.
struct SliceDiscoveryView: Encodable, Sendable {
    var run: String
    var dataset: String
    var key: String
    var metric: String
    var higherIsBetter: Bool
    var tested: Int
    var level: Double
    var slices: [RunSliceDiscovery.Summary]
}
