import Hummingbird
import LoupeCatalog
import LoupeCore

/// `POST /datasets/{dataset}/selections`: the rows of a pool most worth labeling under a strategy
/// (`RowSelector`, as `loupe select --json`). A read, so a viewer may ask; a POST because the
/// request carries a filter, seed keys and weights. Nothing is stored.
struct SelectionsController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the route on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.post("datasets/:dataset/selections", use: select)
    }

    /// The body.
    struct Body: Decodable {
        var strategy: String
        var budget: Int
        var run: String?
        var space: String?
        var filter: String?
        var seed: UInt64?
        /// Row keys of `similarity`'s seed rows.
        var seeds: [String]?
        /// `weighted`'s components by strategy name (applied in name order).
        var weights: [String: Double]?
        var clusters: Int?
        var metric: String?
    }

    @Sendable func select(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<RowSelection> {
        let dataset = try context.pathParameter("dataset")
        var request = request
        let body = try await request.decodeJSON(Body.self, context: context)
        guard (1...100_000).contains(body.budget) else {
            throw APIError.badRequest("budget must be from 1 to 100000, not \(body.budget)", field: "$.budget")
        }
        if let clusters = body.clusters, clusters < 1 {
            throw APIError.badRequest("clusters must be at least 1, not \(clusters)", field: "$.clusters")
        }
        let metric = body.metric ?? "cosine"
        guard metric == "cosine" || metric == "l2" else { throw APIError.badRequest("metric must be cosine or l2, not '\(metric)'", field: "$.metric") }
        var expression: FilterExpression?
        if let text = body.filter, !text.isEmpty {
            do throws(FilterSyntaxError) {
                expression = try FilterParser.parse(text)
            } catch {
                throw APIError.from(error, field: "filter")
            }
        }
        do {
            let selection = SelectionRequest(
                dataset: dataset, strategy: try SelectionRequest.strategy(named: body.strategy), budget: body.budget, run: body.run,
                space: body.space, filter: expression, seed: body.seed ?? 0, seedKeys: body.seeds ?? [],
                weights: try (body.weights ?? [:]).sorted { $0.key < $1.key }.map { try SelectionRequest.weight($0.key, $0.value) },
                clusters: body.clusters, metric: VectorMetric(rawValue: metric)!)
            return JSONResponse(value: try await RowSelector(store: store).select(selection))
        } catch let error as RequestFieldError {
            throw APIError.from(error)
        } catch let error as StoreError {
            throw APIError.from(error)
        }
    }
}
