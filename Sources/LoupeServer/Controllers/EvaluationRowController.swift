import Hummingbird
import LoupeCatalog

/// `/runs/{run}/evaluations/{key}/rows/{row_key}`: one row's result in an evaluation with every
/// object's outcome (`Store.evaluationObjects`).
struct EvaluationRowController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("runs/:run/evaluations/:key/rows/:row_key", use: show)
    }

    @Sendable func show(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<EvaluationRowDetailView> {
        let lookup = CatalogLookup(store: store)
        let (model, run) = try await lookup.run(context.pathParameter("run"))
        let evaluation = try await lookup.evaluation(of: run, key: context.pathParameter("key"))
        let rowKey = try context.pathParameter("row_key")
        let notEvaluated = APIError.notFound("evaluation '\(evaluation.key)' of run '\(run.name)' has no row '\(rowKey)'")
        // The evaluation's rows all belong to one dataset: the one of its first row.
        guard let first = try await store.evaluationRows(evaluationID: evaluation.id, page: PageRequest(limit: 1)).items.first,
              let dataset = try await RowKeyResolver(store: store).keys(of: [first.rowID])?.0,
              let row = try await store.row(datasetID: dataset.id, key: rowKey), let rowID = row.id
        else { throw notEvaluated }
        let page = try await store.evaluationRows(evaluationID: evaluation.id, page: PageRequest(after: PageCursor(lastID: rowID - 1), limit: 1))
        guard let result = page.items.first, result.rowID == rowID else { throw notEvaluated }
        let classNames = Dictionary(uniqueKeysWithValues: try await store.classes(datasetID: dataset.id).map { ($0.id, $0.name) })
        let objects = try await store.evaluationObjects(evaluationID: evaluation.id, rowID: rowID)
            .map { EvaluationObjectView($0, classNames: classNames) }
        return JSONResponse(value: EvaluationRowDetailView(run: "\(model.name)/\(run.name)", key: evaluation.key, dataset: dataset.name,
                                                           result: EvaluationRowView(key: row.key, result: result), objects: objects))
    }
}
