import Hummingbird
import LoupeCatalog

/// Registers the read and analysis endpoints (a row's predictions, an evaluated row's objects, a
/// run's snapshot, custom metrics and metric importance, the labeling plan, embedding spaces) and
/// token management on the `/api/v1` group.
func addAnalysisRoutes<S: Store>(store: S, to api: RouterGroup<LoupeRequestContext>) {
    RowPredictionsController(store: store).addRoutes(to: api)
    EvaluationRowController(store: store).addRoutes(to: api)
    RunSnapshotController(store: store).addRoutes(to: api)
    RunMetricsController(store: store).addRoutes(to: api)
    PlanController(store: store).addRoutes(to: api)
    EmbeddingSpacesController(store: store).addRoutes(to: api)
    TokensController(store: store).addRoutes(to: api)
}
