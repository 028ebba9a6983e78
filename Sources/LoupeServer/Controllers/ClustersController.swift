import Foundation
import Hummingbird
import LoupeCatalog
import LoupeCore

/// `GET /embedding-spaces/{space}/clusters?dataset=…`: k-means++ clusters of a dataset's rows in
/// an embedding space and, with a run, the run's per-row metric in each cluster against the whole
/// set (as `loupe clusters`).
struct ClustersController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the route on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("embedding-spaces/:space/clusters", use: clusters)
    }

    /// `dataset` (required), `k` (2–1000, default 8), `metric` (cosine or l2), `seed` (default 0),
    /// `run` and `key` (default `default`) for the per-cluster metric, `resamples` (0–10,000,
    /// default 1,000), `keys` (keys listed per cluster, 0–100, default 5).
    @Sendable func clusters(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<ClusterReport> {
        let lookup = CatalogLookup(store: store)
        let space = try await lookup.embeddingSpace(context.pathParameter("space"))
        let query = try QueryParameters(request)
        guard let datasetName = try query.nonEmpty("dataset") else { throw APIError.badRequest("dataset is required", field: "dataset") }
        let dataset = try await lookup.dataset(datasetName)
        let k = try query.integer("k", default: 8, in: 2...1000)
        let seed = try query.integer("seed", default: 0, in: 0...Int.max)
        let resamples = try query.integer("resamples", default: 1000, in: 0...10_000)
        let keys = try query.integer("keys", default: 5, in: 0...100)
        let metricName = query["metric"] ?? "cosine"
        guard let metric = VectorMetric(rawValue: metricName), metric != .innerProduct else {
            throw APIError.badRequest("metric must be cosine or l2, not '\(metricName)'", field: "metric")
        }
        let run = try await query.nonEmpty("run").asyncMap { try await lookup.run($0).1 }
        let result: ClusterAnalysis<S>.Result
        do {
            result = try await ClusterAnalysis(store: store).analyze(space: space, dataset: dataset, k: k, metric: metric, seed: UInt64(seed),
                                                                     run: run, evaluationKey: query["key"] ?? "default", resamples: resamples)
        } catch let error as StoreError where error.code == "invalid" {
            throw APIError.badRequest(error.message, field: "k")
        }
        return JSONResponse(value: ClusterReport(result, k: k, keysPerCluster: keys))
    }
}
