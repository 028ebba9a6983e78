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
