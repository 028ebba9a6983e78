import Foundation
import LoupeCatalog

/// A run in a list.
struct RunSummaryView: Encodable, Sendable {
    var model: String
    var name: String
    /// `MODEL/NAME`, the reference that always names this run in `/runs/{run}`.
    var reference: String
    var createdAt: Date

    init(model: Model, run: ModelRun) {
        self.model = model.name
        name = run.name
        reference = "\(model.name)/\(run.name)"
        createdAt = run.createdAt
    }
}

/// `GET /models/{model}/runs`.
struct RunListView: Encodable, Sendable {
    var model: String
    var runs: [RunSummaryView]
}

/// `GET /runs/{run}`: a run with its config, snapshot sizes and stored evaluations.
struct RunDetailView: Encodable, Sendable {
    var model: String
    var name: String
    var reference: String
    var task: String
    var createdAt: Date
    var config: JSONValue
    /// Rows of the run's snapshot per split (empty when it has no snapshot).
    var snapshotRowsBySplit: [String: Int]
    var evaluations: [EvaluationSummaryView]
}
