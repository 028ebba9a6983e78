import Hummingbird
import LoupeCatalog
import LoupeCore

/// `/runs/{run}/metrics…` and `/runs/{run}/importance`: a team's own metrics on a run (as `loupe
/// runs metrics` lists them), one per-row metric's values by row key, and which row properties
/// predict the run's per-row results (`RunMetricImportance`, as `loupe importance`).
struct RunMetricsController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("runs/:run/metrics", use: list)
        group.get("runs/:run/metrics/:name", use: values)
        group.get("runs/:run/importance", use: importance)
    }

    @Sendable func list(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<RunMetricsView> {
        let (model, run) = try await CatalogLookup(store: store).run(context.pathParameter("run"))
        let metrics = try await store.customMetrics(runID: run.id).compactMap(CustomMetricView.init)
        let rowMetrics = try await store.customRowMetricNames(runID: run.id).sorted { $0.key < $1.key }
            .map { RowMetricSummaryView(name: $0.key, rows: $0.value) }
        return JSONResponse(value: RunMetricsView(run: "\(model.name)/\(run.name)", metrics: metrics, rowMetrics: rowMetrics))
    }

    /// One page of a per-row metric's values in row-key order: `limit`, `cursor`.
    @Sendable func values(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<RowMetricPageView> {
        let (model, run) = try await CatalogLookup(store: store).run(context.pathParameter("run"))
        let name = try context.pathParameter("name")
        let query = try QueryParameters(request)
        let limit = try query.integer("limit", default: ListCursor.defaultLimit, in: 1...ListCursor.maximumLimit)
        let scope = "row-metric\u{0}\(run.id)\u{0}\(name)"
        let offset = try query["cursor"].map { token throws(APIError) in try ListCursor(token: token, scope: scope).position } ?? 0
        let values = try await store.customRowMetric(runID: run.id, name: name)
        guard let anyRow = values.keys.min(), let dataset = try await RowKeyResolver(store: store).keys(of: [anyRow])?.0 else {
            throw APIError.notFound("run '\(run.name)' has no per-row metric '\(name)'")
        }
        var keys: [Int64: String] = [:]
        for row in try await Page.all({ try await store.rows(datasetID: dataset.id, page: $0) }) where values[row.id!] != nil {
            keys[row.id!] = row.key
        }
        let sorted = values.compactMap { id, value in keys[id].map { RowMetricValueView(key: $0, value: value) } }.sorted { $0.key < $1.key }
        let start = min(Int(offset), sorted.count), end = min(start + limit, sorted.count)
        let next = end < sorted.count ? ListCursor(position: Int64(end), scope: scope).token : nil
        return JSONResponse(value: RowMetricPageView(run: "\(model.name)/\(run.name)", name: name, dataset: dataset.name, count: sorted.count,
                                                     rows: Array(sorted[start..<end]), nextCursor: next))
    }

    /// `?dataset` (default the run's), `key` (default `default`), `metric` (default errors for
    /// detection, correct for classification), `resamples` (0–10,000, default 1,000; the CLI's
    /// `--bootstrap`), `seed` (default 0).
    @Sendable func importance(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<ImportanceView> {
        let query = try QueryParameters(request)
        var metric: RunMetricImportance.Metric?
        if let name = query["metric"] {
            guard let parsed = RunMetricImportance.Metric(rawValue: name) else {
                let names = RunMetricImportance.Metric.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIError.badRequest("metric must be one of \(names), not '\(name)'", field: "metric")
            }
            metric = parsed
        }
        let resamples = try query.integer("resamples", default: 1000, in: 0...10_000)
        let seed = try query.integer("seed", default: 0, in: 0...Int.max)
        let key = query["key"] ?? "default"
        let lookup = CatalogLookup(store: store)
        let (model, run) = try await lookup.run(context.pathParameter("run"))
        let evaluation = try await lookup.evaluation(of: run, key: key)
        let dataset: Dataset
        if let name = query["dataset"] {
            guard !name.isEmpty else { throw APIError.badRequest("dataset must name a dataset when given", field: "dataset") }
            dataset = try await lookup.dataset(name)
        } else {
            guard let found = try await lookup.dataset(of: run) else { throw APIError.notFound("run '\(run.name)' has no rows in any dataset") }
            dataset = found
        }
        let chosen = metric ?? .default(for: evaluation.kind)
        let fields: [MetricImportance.FieldImportance]
        do {
            fields = try await RunMetricImportance.rank(store: store, dataset: dataset.name, evaluation: evaluation, metric: chosen,
                                                        parameters: MetricImportance.Parameters(resamples: resamples, seed: UInt64(seed)))
        } catch let error as StoreError where error.code == "invalid" {
            throw APIError.badRequest(error.message, field: "metric")
        }
        return JSONResponse(value: ImportanceView(run: "\(model.name)/\(run.name)", dataset: dataset.name, key: evaluation.key,
                                                  metric: chosen.rawValue, resamples: resamples, seed: UInt64(seed), fields: fields))
    }
}
