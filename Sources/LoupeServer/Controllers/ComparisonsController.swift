import Hummingbird
import LoupeCatalog

/// `/datasets/{dataset}/compare`: run B against run A on the rows both were evaluated on, as
/// `loupe runs compare` reports it (`RunComparator`): every metric's paired difference with a
/// 95% bootstrap interval and a verdict, per class, McNemar's test or the per-row TP/FP/FN
/// changes, and the custom metrics both runs carry.
struct ComparisonsController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("datasets/:dataset/compare", use: compare)
    }

    /// `?a=RUN&b=RUN` (required; NAME or MODEL/NAME), `slice` (compare on its rows only),
    /// `iou_type` (`bbox` or `segm`), `resamples` (0–10,000, default 1,000), `seed`, and
    /// `lower_is_better` (comma-separated row custom metrics where lower is better).
    @Sendable func compare(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<RunComparison> {
        let query = try QueryParameters(request)
        func required(_ name: String) throws(APIError) -> String {
            guard let value = query[name], !value.isEmpty else { throw .badRequest("the \(name) query parameter is required", field: name) }
            return value
        }
        let referenceA = try required("a"), referenceB = try required("b")
        let resamples = try query.integer("resamples", default: 1000, in: 0...10_000)
        let seed = try query.integer("seed", default: 0, in: 0...Int.max)
        let iouType = query["iou_type"] ?? "bbox"
        guard iouType == "bbox" || iouType == "segm" else {
            throw APIError.badRequest("iou_type must be bbox or segm, not '\(iouType)'", field: "iou_type")
        }
        let lowerIsBetter = Set((query["lower_is_better"] ?? "").split(separator: ",").map(String.init))
        let lookup = CatalogLookup(store: store)
        let dataset = try await lookup.dataset(context.pathParameter("dataset"))
        let runA = try await lookup.run(referenceA), runB = try await lookup.run(referenceB)
        var rowIDs: Set<Int64>?
        if let name = query["slice"] {
            let slice = try await lookup.slice(name, of: dataset)
            let expression: FilterExpression
            do throws(FilterSyntaxError) {
                expression = try FilterParser.parse(slice.filter)
            } catch {
                throw APIError.from(error, field: "slice")
            }
            rowIDs = Set(try await queryRowIDs(dataset: dataset, expression: expression))
        }
        let options = RunEvaluationOptions(key: "compare", iouType: iouType == "segm" ? .segm : .bbox, resamples: resamples, seed: UInt64(seed))
        do {
            return JSONResponse(value: try await RunComparator(store: store).compare(
                a: runA, b: runB, dataset: dataset.name, options: options, restrictedTo: rowIDs, lowerIsBetter: lowerIsBetter))
        } catch let error as StoreError {
            throw APIError.from(error)
        }
    }

    private func queryRowIDs(dataset: Dataset, expression: FilterExpression) async throws -> [Int64] {
        do {
            return try await store.queryRowIDs(datasetID: dataset.id, filter: expression)
        } catch let error as StoreError {
            throw APIError.from(error, filterField: "slice")
        }
    }
}
