import Hummingbird
import LoupeCatalog

/// `GET /datasets/{dataset}/facets?field=…&filter=…`: how a field's values spread over the rows a
/// filter selects (the catalog's sidebar), counted over the whole view, not a page of it.
struct FacetsController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the route on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("datasets/:dataset/facets", use: facet)
    }

    @Sendable func facet(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<FacetView> {
        let dataset = try await CatalogLookup(store: store).dataset(context.pathParameter("dataset"))
        let query = try QueryParameters(request)
        guard let name = try query.nonEmpty("field") else {
            throw APIError.badRequest("field is required: tag, split, gt.class or meta.NAME", field: "field")
        }
        let field: FieldFacet.Field
        switch name {
        case "tag": field = .tag
        case "split": field = .split
        case "gt.class": field = .groundTruthClass
        case let text where text.hasPrefix("meta.") && text.count > 5: field = .metadata(String(text.dropFirst(5)))
        default: throw APIError.badRequest("field must be tag, split, gt.class or meta.NAME, not '\(name)'", field: "field")
        }
        let filter = try RowViewQuery(query).filter
        let limit = try query.integer("limit", default: 20, in: 1...1000)
        let bins = try query.integer("bins", default: 10, in: 1...100)
        if case .metadata(let metadata) = field {
            let declared = try await store.metadataFields(datasetID: dataset.id).map(\.name)
            guard declared.contains(metadata) else {
                throw APIError.badRequest("dataset '\(dataset.name)' has no metadata field '\(metadata)'; it has \(declared.isEmpty ? "none" : declared.joined(separator: ", "))",
                                          field: "field")
            }
        }
        let facet: FieldFacet
        do {
            facet = try await store.facet(datasetID: dataset.id, field: field, filter: filter, limit: limit, bins: bins)
        } catch let error as StoreError {
            throw APIError.from(error, filterField: "filter")
        }
        return JSONResponse(value: FacetView(field: name, rows: facet.rows, values: facet.values.map { .init(value: $0.value, count: $0.count) },
                                             bins: facet.bins?.map { .init(lower: $0.lower, upper: $0.upper, count: $0.count) }))
    }
}

/// `GET /datasets/{dataset}/facets`.
struct FacetView: Encodable, Sendable {
    struct Value: Encodable, Sendable {
        var value: String
        var count: Int
    }

    struct Bin: Encodable, Sendable {
        var lower: Double
        var upper: Double
        var count: Int
    }

    var field: String
    /// Rows of the view with a value.
    var rows: Int
    var values: [Value]
    /// Numeric fields only.
    var bins: [Bin]?
}
