import Hummingbird
import LoupeCatalog

/// `/runs/{run}/evaluations…`: a run's stored evaluations, one in full, and its per-row results
/// a page at a time.
struct EvaluationsController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("runs/:run/evaluations", use: list)
        group.get("runs/:run/evaluations/:key", use: show)
        group.get("runs/:run/evaluations/:key/rows", use: rows)
    }

    @Sendable func list(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<EvaluationListView> {
        let (model, run) = try await CatalogLookup(store: store).run(context.pathParameter("run"))
        let evaluations = try await store.evaluations(runID: run.id).map(EvaluationSummaryView.init)
        return JSONResponse(value: EvaluationListView(run: "\(model.name)/\(run.name)", evaluations: evaluations))
    }

    @Sendable func show(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<EvaluationDetailView> {
        let lookup = CatalogLookup(store: store)
        let (model, run) = try await lookup.run(context.pathParameter("run"))
        let evaluation = try await lookup.evaluation(of: run, key: context.pathParameter("key"))
        return JSONResponse(value: EvaluationDetailView(run: "\(model.name)/\(run.name)", evaluation: evaluation))
    }

    @Sendable func rows(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<EvaluationRowPageView> {
        let lookup = CatalogLookup(store: store)
        let (model, run) = try await lookup.run(context.pathParameter("run"))
        let evaluation = try await lookup.evaluation(of: run, key: context.pathParameter("key"))
        let query = try QueryParameters(request)
        let scope = "evaluation-rows\u{0}\(evaluation.id)"
        let page = try await store.evaluationRows(evaluationID: evaluation.id, page: try query.keysetPage(scope: scope))
        let resolved = try await RowKeyResolver(store: store).keys(of: page.items.map(\.rowID))
        let rows = page.items.compactMap { result in
            resolved?.1[result.rowID].map { EvaluationRowView(key: $0, result: result) }
        }
        let next = page.nextCursor(scope: scope)
        return JSONResponse(value: EvaluationRowPageView(run: "\(model.name)/\(run.name)", key: evaluation.key,
                                                         dataset: resolved?.0.name, rows: rows, nextCursor: next))
    }
}
