import LoupeCatalog

/// Every run's `MODEL/NAME` by run id, for answers that name the runs of stored rows
/// (predictions, an embedding space's source).
struct RunNames<S: Store> {
    /// The store read.
    let store: S

    /// `MODEL/NAME` by run id, over all models.
    func byID() async throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        for model in try await store.models() {
            for run in try await store.runs(modelID: model.id) { names[run.id] = "\(model.name)/\(run.name)" }
        }
        return names
    }
}
