import Hummingbird
import LoupeCatalog
import LoupeCore

/// `POST /embedding-spaces/{space}/similar`: the rows nearest to some rows (or a vector) in an
/// embedding space, within a dataset and filter or across every dataset in the space. A read, so
/// a viewer may ask; it is a POST because a query vector does not fit in a URL.
struct SimilarityController<S: Store> {
    /// The store served.
    let store: S
    /// The workspace's vector indexes.
    let indexes: SpaceIndexCache<S>

    /// Registers the route on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.post("embedding-spaces/:space/similar", use: similar)
    }

    /// The body.
    struct Body: Decodable {
        var dataset: String
        var keys: [String]?
        var negatives: [String]?
        var vector: [Float]?
        var k: Int?
        var metric: String?
        var filter: String?
        var allDatasets: Bool?
    }

    @Sendable func similar(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<SimilarityView> {
        let spaceName = try context.pathParameter("space")
        var request = request
        let body = try await request.decodeJSON(Body.self, context: context)
        let metric = try body.metric.map { name throws(APIError) in
            guard let metric = VectorMetric(rawValue: name) else {
                throw .badRequest("metric must be cosine, inner_product or l2, not '\(name)'", field: "$.metric")
            }
            return metric
        } ?? .cosine
        let k = body.k ?? 10
        guard (1...1_000).contains(k) else { throw APIError.badRequest("k must be from 1 to 1000, not \(k)", field: "$.k") }
        if (body.keys ?? []).isEmpty && body.vector == nil {
            throw APIError.badRequest("give at least one row key in keys, or a vector", field: "$.keys")
        }
        var expression: FilterExpression?
        if let text = body.filter, !text.isEmpty {
            do throws(FilterSyntaxError) {
                expression = try FilterParser.parse(text)
            } catch {
                throw APIError.from(error, field: "filter")
            }
        }
        let query = SimilarityQuery(positives: body.keys ?? [], negatives: body.negatives ?? [], vector: body.vector, k: k, metric: metric,
                                    dataset: body.dataset, filter: expression, allDatasets: body.allDatasets ?? false)
        let matches: [SimilarityMatch]
        do {
            matches = try await SimilaritySearch(store: store, indexes: indexes).search(space: spaceName, query)
        } catch let error as StoreError {
            throw APIError.from(error, filterField: expression == nil ? nil : "filter")
        }
        return JSONResponse(value: SimilarityView(space: spaceName, metric: metric.rawValue,
                                                  results: matches.map { .init(dataset: $0.dataset, key: $0.key, score: $0.score) }))
    }
}

/// `POST /embedding-spaces/{space}/similar`.
struct SimilarityView: Encodable, Sendable {
    struct Result: Encodable, Sendable {
        var dataset: String
        var key: String
        var score: Double
    }

    var space: String
    var metric: String
    var results: [Result]
}
