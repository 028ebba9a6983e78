import Hummingbird
import LoupeCatalog

/// `/datasets/{dataset}/rows/{key}/predictions`: what the runs predicted on one row, shaped like
/// the row's ground truth in `GET /datasets/{dataset}/rows/{key}`.
struct RowPredictionsController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("datasets/:dataset/rows/:key/predictions", use: list)
    }

    /// `?run=NAME|MODEL/NAME` keeps one run's predictions; without it, every run's, by run then
    /// descending score.
    @Sendable func list(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<RowPredictionsView> {
        let query = try QueryParameters(request)
        let lookup = CatalogLookup(store: store)
        let dataset = try await lookup.dataset(context.pathParameter("dataset"))
        let (row, rowID) = try await lookup.row(context.pathParameter("key"), of: dataset)
        var runID: Int64?
        if let reference = query["run"] {
            guard !reference.isEmpty else { throw APIError.badRequest("run must name a run (NAME or MODEL/NAME) when given", field: "run") }
            runID = try await lookup.run(reference).1.id
        }
        let classes = try await store.classes(datasetID: dataset.id).sorted { $0.ordinal < $1.ordinal }
        let classNames = Dictionary(uniqueKeysWithValues: classes.map { ($0.id, $0.name) })
        let runNames = try await RunNames(store: store).byID()
        let predictions = try await store.predictions(rowID: rowID, runID: runID).map { prediction in
            PredictionView(prediction, run: runNames[prediction.runID] ?? String(prediction.runID), classNames: classNames)
        }
        return JSONResponse(value: RowPredictionsView(dataset: dataset.name, key: row.key, classes: classes.map(\.name),
                                                      predictions: predictions))
    }
}
