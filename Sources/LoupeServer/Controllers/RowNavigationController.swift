import Hummingbird
import LoupeCatalog

/// What the UI needs to move through a view without paging it: where a row stands in a filtered,
/// sorted view with its neighbours (`GET /datasets/{dataset}/rows/{key}/neighbors`), and whether a
/// filter and sort are valid, answered 200 either way (`GET /datasets/{dataset}/filter-check`), so
/// that checking as a person types is not a stream of failed requests.
struct RowNavigationController<S: Store> {
    /// The store served.
    let store: S
    /// The ordered ids of views, shared with the rows endpoint.
    let results: RowResultCache

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("datasets/:dataset/rows/:key/neighbors", use: neighbors)
        group.get("datasets/:dataset/filter-check", use: check)
    }

    @Sendable func neighbors(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<RowNeighborsView> {
        let dataset = try await CatalogLookup(store: store).dataset(context.pathParameter("dataset"))
        let key = try context.pathParameter("key")
        let view = try RowViewQuery(try QueryParameters(request))
        guard let row = try await store.row(datasetID: dataset.id, key: key), let rowID = row.id else {
            throw APIError.notFound("dataset '\(dataset.name)' has no row '\(key)'")
        }
        let result: RowResultCache.ResultSet
        do {
            result = try await results.current(store: store, datasetID: dataset.id, filter: view.filter, sort: view.sort)
        } catch let error as StoreError {
            throw APIError.from(error, filterField: view.filter != nil ? "filter" : "sort")
        }
        var ids = result.ids ?? []
        // A view too large for the cache keeps its count only: read its ids once more.
        if result.ids == nil { ids = try await store.orderedRowIDs(datasetID: dataset.id, filter: view.filter, sort: view.sort) }
        guard let index = ids.firstIndex(of: rowID) else {
            return JSONResponse(value: RowNeighborsView(key: key, count: ids.count, position: nil, previous: nil, next: nil))
        }
        let around = [index > 0 ? ids[index - 1] : nil, index + 1 < ids.count ? ids[index + 1] : nil]
        let keys = Dictionary(uniqueKeysWithValues: try await store.rows(datasetID: dataset.id, ids: around.compactMap { $0 })
            .compactMap { found in found.id.map { ($0, found.key) } })
        return JSONResponse(value: RowNeighborsView(key: key, count: ids.count, position: index,
                                                    previous: around[0].flatMap { keys[$0] }, next: around[1].flatMap { keys[$0] }))
    }

    @Sendable func check(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<FilterCheckView> {
        let dataset = try await CatalogLookup(store: store).dataset(context.pathParameter("dataset"))
        let view: RowViewQuery
        do {
            view = try RowViewQuery(try QueryParameters(request))
        } catch let error as APIError where error.code == .invalidFilter {
            return JSONResponse(value: FilterCheckView(valid: false, field: error.field, message: error.message, position: error.position))
        }
        // Compiling resolves every name (classes, runs, metadata fields) against the dataset.
        do {
            _ = try await store.queryPage(datasetID: dataset.id, filter: view.filter, sort: view.sort, limit: 1, offset: 0)
        } catch let error as StoreError {
            return JSONResponse(value: FilterCheckView(valid: false, field: view.filter != nil ? "filter" : "sort", message: error.message,
                                                       position: nil))
        }
        return JSONResponse(value: FilterCheckView(valid: true, field: nil, message: nil, position: nil))
    }
}

/// `GET /datasets/{dataset}/rows/{key}/neighbors`: the row's 0-based `position` in the view of
/// `count` rows (absent when the view leaves the row out) and the keys before and after it.
struct RowNeighborsView: Encodable, Sendable {
    var key: String
    var count: Int
    var position: Int?
    var previous: String?
    var next: String?

    private enum CodingKeys: String, CodingKey { case key, count, position, previous, next }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(count, forKey: .count)
        try container.encode(position, forKey: .position)
        try container.encode(previous, forKey: .previous)
        try container.encode(next, forKey: .next)
    }
}

/// `GET /datasets/{dataset}/filter-check`: whether the filter and sort are valid, and if not the
/// message, the parameter (`filter` or `sort`) and the 0-based character position when known.
struct FilterCheckView: Encodable, Sendable {
    var valid: Bool
    var field: String?
    var message: String?
    var position: Int?
}
