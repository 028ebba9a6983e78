import Hummingbird
import LoupeCatalog

/// `/models`, `/models/{model}/runs` and `/runs/{run}`: models, their runs, and one run with its
/// config, snapshot and evaluations. A run is `NAME` or `MODEL/NAME` (`%2F` in the path).
struct ModelsController<S: Store> {
    /// The store served.
    let store: S

    /// Registers the routes on the `/api/v1` group.
    func addRoutes(to group: RouterGroup<LoupeRequestContext>) {
        group.get("models", use: list)
        group.get("models/:model/runs", use: runs)
        group.get("runs/:run", use: run)
    }

    @Sendable func list(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<ModelListView> {
        var models: [ModelView] = []
        for model in try await store.models() {
            let count = try await store.runs(modelID: model.id).count
            models.append(ModelView(name: model.name, task: model.task.rawValue, createdAt: model.createdAt, runs: count))
        }
        return JSONResponse(value: ModelListView(models: models))
    }

    @Sendable func runs(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<RunListView> {
        let model = try await CatalogLookup(store: store).model(context.pathParameter("model"))
        let runs = try await store.runs(modelID: model.id).map { RunSummaryView(model: model, run: $0) }
        return JSONResponse(value: RunListView(model: model.name, runs: runs))
    }

    @Sendable func run(_ request: Request, context: LoupeRequestContext) async throws -> JSONResponse<RunDetailView> {
        let (model, run) = try await CatalogLookup(store: store).run(context.pathParameter("run"))
        var bySplit: [String: Int] = [:]
        for entry in try await Page.all({ try await store.snapshot(runID: run.id, page: $0) }) {
            bySplit[entry.split, default: 0] += 1
        }
        let evaluations = try await store.evaluations(runID: run.id).map(EvaluationSummaryView.init)
        return JSONResponse(value: RunDetailView(
            model: model.name, name: run.name, reference: "\(model.name)/\(run.name)", task: model.task.rawValue,
            createdAt: run.createdAt, config: JSONValue(parsing: run.configJSON), snapshotRowsBySplit: bySplit,
            evaluations: evaluations))
    }
}
