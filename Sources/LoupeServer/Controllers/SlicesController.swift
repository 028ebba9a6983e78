import Hummingbird
import LoupeCatalog

/// `/datasets/{dataset}/slices…`: saved filters, read, written (`PUT` creates or replaces) and
/// deleted. A filter is saved only when it parses and every name in it resolves in the dataset.
struct SlicesController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("datasets/:dataset/slices", use: list)
        group.get("datasets/:dataset/slices/:name", use: show)
        group.put("datasets/:dataset/slices/:name", use: save)
        group.delete("datasets/:dataset/slices/:name", use: delete)
        group.get("datasets/:dataset/slices/:name/metrics", use: metrics)
    }

    /// A run's metrics on the slice, recomputed from its stored evaluation (`StoredSliceMetrics`),
    /// each with support and a seeded 95% bootstrap interval: `?run=NAME|MODEL/NAME` (required),
    /// `key` (default `default`), `resamples` (0–10,000, default 1,000), `seed` (default 0).
    @Sendable func metrics(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<SliceMetricsView> {
        let query = try QueryParameters(request)
        guard let reference = query["run"], !reference.isEmpty else { throw APIError.badRequest("the run query parameter is required", field: "run") }
        let resamples = try query.integer("resamples", default: 1000, in: 0...10_000)
        let seed = try query.integer("seed", default: 0, in: 0...Int.max)
        let key = query["key"] ?? "default"
        let lookup = CatalogLookup(store: store)
        let dataset = try await lookup.dataset(context.pathParameter("dataset"))
        let slice = try await lookup.slice(context.pathParameter("name"), of: dataset)
        let (model, run) = try await lookup.run(reference)
        let evaluation = try await lookup.evaluation(of: run, key: key)
        let expression: FilterExpression
        do throws(FilterSyntaxError) {
            expression = try FilterParser.parse(slice.filter)
        } catch {
            throw APIError.from(error, field: "filter")
        }
        let report: SliceMetricsReport
        do {
            report = try await StoredSliceMetrics(store: store).metrics(of: evaluation, dataset: dataset, filter: expression,
                                                                       resamples: resamples, seed: UInt64(seed))
        } catch let error as StoreError {
            throw APIError.from(error, filterField: "filter")
        }
        return JSONResponse(value: SliceMetricsView(slice: slice.name, filter: slice.filter, model: model.name, run: run.name, key: key,
                                                    resamples: resamples, rows: report.rows, summary: report.summary, perClass: report.perClass))
    }

    @Sendable func list(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<SliceListView> {
        let dataset = try await CatalogLookup(store: store).dataset(context.pathParameter("dataset"))
        var views: [SliceView] = []
        for slice in try await store.slices(datasetID: dataset.id) {
            views.append(try await view(of: slice, in: dataset))
        }
        return JSONResponse(value: SliceListView(dataset: dataset.name, slices: views))
    }

    @Sendable func show(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<SliceView> {
        let lookup = CatalogLookup(store: store)
        let dataset = try await lookup.dataset(context.pathParameter("dataset"))
        let slice = try await lookup.slice(context.pathParameter("name"), of: dataset)
        return JSONResponse(value: try await view(of: slice, in: dataset))
    }

    @Sendable func save(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<SliceView> {
        let dataset = try await CatalogLookup(store: store).dataset(context.pathParameter("dataset"))
        let name = try context.pathParameter("name")
        var request = request
        let body = try await request.decodeJSON(SliceBody.self, context: context)
        let expression: FilterExpression
        do throws(FilterSyntaxError) {
            expression = try FilterParser.parse(body.filter)
        } catch {
            throw APIError.from(error, field: "filter")
        }
        // Resolving the names now (classes, runs, fields) refuses a slice that could never run.
        let count: Int
        do {
            count = try await store.queryRows(datasetID: dataset.id, filter: expression, sort: [], limit: 0, offset: 0).count
        } catch let error as StoreError {
            throw APIError.from(error, filterField: "filter")
        }
        let existed = try await store.slices(datasetID: dataset.id).contains { $0.name == name }
        let slice = try await store.saveSlice(datasetID: dataset.id, name: name, filter: body.filter, replace: true)
        return JSONResponse(value: SliceView(name: slice.name, filter: slice.filter, createdAt: slice.createdAt, rows: count),
                            status: existed ? .ok : .created)
    }

    @Sendable func delete(_ request: Request, context: LoupeRequestContext) async throws -> HTTPResponse.Status {
        let lookup = CatalogLookup(store: store)
        let dataset = try await lookup.dataset(context.pathParameter("dataset"))
        let slice = try await lookup.slice(context.pathParameter("name"), of: dataset)
        try await store.deleteSlice(id: slice.id)
        return .noContent
    }

    /// The slice with its current row count, or why it cannot be counted (a run it names is gone).
    private func view(of slice: Slice, in dataset: Dataset) async throws -> SliceView {
        var view = SliceView(name: slice.name, filter: slice.filter, createdAt: slice.createdAt)
        do {
            let expression = try FilterParser.parse(slice.filter)
            view.rows = try await store.queryRows(datasetID: dataset.id, filter: expression, sort: [], limit: 0, offset: 0).count
        } catch let error as StoreError {
            view.error = error.message
        } catch let error as FilterSyntaxError {
            view.error = error.description
        }
        return view
    }
}
