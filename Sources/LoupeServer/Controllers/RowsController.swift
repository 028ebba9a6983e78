import Hummingbird
import LoupeCatalog

/// `/datasets/{dataset}/rows`: the rows a filter selects, sorted and paged by cursor, and one
/// row with its ground truth.
struct RowsController<S: Store> {
    /// The store served.
    let store: S
    /// The ordered ids of filtered, sorted views, reused until the workspace changes.
    let results: RowResultCache
    /// Queues the index builds a new view's metadata fields want.
    let indexes: MetadataIndexScheduler<S>

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("datasets/:dataset/rows", use: list)
        group.get("datasets/:dataset/rows/:key", use: show)
    }

    @Sendable func list(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<RowPageView> {
        let name = try context.pathParameter("dataset")
        let query = try QueryParameters(request)
        let view = try RowViewQuery(query)
        let filter = view.filter, sort = view.sort
        let limit = try query.integer("limit", default: ListCursor.defaultLimit, in: 1...ListCursor.maximumLimit)
        // The common case, a view already computed at the current generation, in one read: the
        // dataset as last seen and the view's ids are proven current by the page's read.
        if let dataset = results.knownDataset(named: name),
           let offset = try? Self.offset(query, scope: Self.scope(dataset, filter, sort)),
           let (generation, result) = results.lastFinished(datasetID: dataset.id, filter: filter, sort: sort), let ids = result.ids {
            let start = min(Int(offset), ids.count)
            if let rows = try await store.rows(datasetID: dataset.id, ids: Array(ids[start..<min(ids.count, start + limit)]),
                                               atGeneration: generation) {
                return page(rows: rows, count: result.count, offset: offset, scope: Self.scope(dataset, filter, sort))
            }
        }
        let dataset = try await CatalogLookup(store: store).dataset(name)
        let scope = Self.scope(dataset, filter, sort)
        let offset = try Self.offset(query, scope: scope)
        results.remember(dataset)
        await indexes.schedule(dataset: dataset, filter: filter, sort: sort)
        let rows: [DataRow]
        let count: Int
        do {
            let result = try await results.current(store: store, datasetID: dataset.id, filter: filter, sort: sort)
            count = result.count
            if let ids = result.ids {
                let start = min(Int(offset), ids.count)
                rows = try await store.rows(datasetID: dataset.id, ids: Array(ids[start..<min(ids.count, start + limit)]))
            } else {
                rows = try await store.queryPage(datasetID: dataset.id, filter: filter, sort: sort, limit: limit, offset: Int(offset))
            }
        } catch let error as StoreError {
            throw APIError.from(error, filterField: filter != nil ? "filter" : "sort")
        }
        return page(rows: rows, count: count, offset: offset, scope: scope)
    }

    /// What binds a cursor to this dataset, filter and sort, in canonical text.
    private static func scope(_ dataset: Dataset, _ filter: FilterExpression?, _ sort: [SortKey]) -> String {
        ["rows", String(dataset.id), filter?.description ?? "", sort.map(\.description).joined(separator: ", ")].joined(separator: "\u{0}")
    }

    /// The position the request's cursor points at, or its `offset` (a page at any depth, for a
    /// grid scrolled far down); 0 without either.
    private static func offset(_ query: QueryParameters, scope: String) throws(APIError) -> Int64 {
        if let token = query["cursor"] {
            guard query["offset"] == nil else { throw .badRequest("give cursor or offset, not both", field: "offset") }
            return try ListCursor(token: token, scope: scope).position
        }
        return Int64(try query.integer("offset", default: 0, in: 0...Int(Int32.max)))
    }

    /// The page of `rows` found at `offset` of `count`, with the cursor of the next unless it is the last.
    private func page(rows: [DataRow], count: Int, offset: Int64, scope: String) -> JSONResponse<RowPageView> {
        let end = Int(offset) + rows.count
        let next = end < count && !rows.isEmpty ? ListCursor(position: Int64(end), scope: scope).token : nil
        return JSONResponse(value: RowPageView(count: count, rows: rows.map(RowView.init), nextCursor: next))
    }

    @Sendable func show(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<RowDetailView> {
        let dataset = try await CatalogLookup(store: store).dataset(context.pathParameter("dataset"))
        let key = try context.pathParameter("key")
        guard let row = try await store.row(datasetID: dataset.id, key: key), let rowID = row.id else {
            throw APIError.notFound("dataset '\(dataset.name)' has no row '\(key)'")
        }
        let classNames = Dictionary(uniqueKeysWithValues: try await store.classes(datasetID: dataset.id).map { ($0.id, $0.name) })
        let annotations = try await store.annotations(rowID: rowID).map { AnnotationView($0, classNames: classNames) }
        let assetURL = row.kind == .image && row.uri != nil
            ? "/api/v1/datasets/\(PathSegment.encode(dataset.name))/assets/\(PathSegment.encode(row.key))" : nil
        return JSONResponse(value: RowDetailView(row: RowView(row), annotations: annotations, assetUrl: assetURL))
    }
}
