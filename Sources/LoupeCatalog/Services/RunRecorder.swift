import Foundation

/// Records a new model run: its model (created if missing), its config, and the snapshot of the
/// dataset's labeled rows (their split and label version now), so that later evaluations,
/// comparisons and learning curves know what the run was trained and tested on. The one place
/// `loupe runs create` and `POST /models/{model}/runs` do this.
public struct RunRecorder<S: Store> {
    /// What was recorded.
    public struct Recording: Sendable, Encodable {
        /// The model's name.
        public var model: String
        /// The run's name.
        public var run: String
        /// How many labeled rows the snapshot holds.
        public var snapshotRows: Int
        /// Those rows by split (`unassigned` for rows without one).
        public var rowsBySplit: [String: Int]
    }

    /// The store written to.
    public let store: S

    /// A recorder over `store`.
    public init(store: S) {
        self.store = store
    }

    /// Creates the run and its snapshot.
    /// - Parameters:
    ///   - configJSON: the run's config, a JSON object's text.
    ///   - splits: only snapshot rows of these splits (all labeled rows when empty).
    /// - Throws: `StoreError.notFound` for an unknown dataset, `StoreError.invalid` for a config
    ///   that is not a JSON object, `StoreError.alreadyExists` when the model has a run of that name.
    /// - Complexity: one pass over the dataset's rows.
    public func record(model modelName: String, task: ModelTask, run runName: String, configJSON: String,
                       dataset datasetName: String, splits: [String] = []) async throws -> Recording {
        guard let dataset = try await store.dataset(named: datasetName) else { throw StoreError.notFound("no dataset '\(datasetName)'") }
        guard (try? JSONSerialization.jsonObject(with: Data(configJSON.utf8))) is [String: Any] else {
            throw StoreError.invalid("a run's config must be a JSON object")
        }
        let model: Model
        if let existing = try await store.models().first(where: { $0.name == modelName }) {
            model = existing
        } else {
            model = try await store.createModel(named: modelName, task: task)
        }
        var entries: [(rowID: Int64, split: String)] = []
        for row in try await Page.all({ try await store.rows(datasetID: dataset.id, page: $0) }) where row.labelVersion > 0 {
            let split = row.split ?? "unassigned"
            if splits.isEmpty || splits.contains(split), let id = row.id { entries.append((id, split)) }
        }
        let run = try await store.createRun(modelID: model.id, name: runName, configJSON: configJSON)
        do {
            try await store.addToSnapshot(runID: run.id, rows: entries)
        } catch {
            // A run without the snapshot it was made with would mislead every later comparison.
            _ = try? await store.deleteRun(id: run.id)
            throw error
        }
        return Recording(model: model.name, run: run.name, snapshotRows: entries.count,
                         rowsBySplit: Dictionary(grouping: entries, by: \.split).mapValues(\.count))
    }
}
