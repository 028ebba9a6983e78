import LoupeCatalog

/// Finding what a request names in a store, with not-found errors that say what exists.
///
/// `run(_:)` repeats the rule of the CLI's `RunsCompareCommand.findRun` (a run is `NAME` when no
/// other model has a run of that name, else `MODEL/NAME`); both belong in LoupeCatalog.
struct CatalogLookup<S: Store> {
    /// The store searched.
    let store: S

    /// The dataset of that name.
    /// - Throws: `APIError.notFound`.
    func dataset(_ name: String) async throws -> Dataset {
        guard let dataset = try await store.dataset(named: name) else { throw APIError.notFound("no dataset '\(name)'") }
        return dataset
    }

    /// The model of that name.
    /// - Throws: `APIError.notFound`.
    func model(_ name: String) async throws -> Model {
        guard let model = try await store.models().first(where: { $0.name == name }) else {
            throw APIError.notFound("no model '\(name)'")
        }
        return model
    }

    /// The run named `NAME` (unique across models) or `MODEL/NAME`.
    /// - Throws: `APIError.notFound`, or `badRequest` when several models have a run of that name.
    func run(_ reference: String) async throws -> (Model, ModelRun) {
        let matches = try await store.runs(matching: reference)
        if matches.count > 1 {
            throw APIError.badRequest("several models have a run '\(reference)': write MODEL/\(reference) (%2F for the slash)", field: "run")
        }
        guard let match = matches.first else { throw APIError.notFound("no run '\(reference)'") }
        return match
    }

    /// The evaluation of a run under a key.
    /// - Throws: `APIError.notFound`.
    func evaluation(of run: ModelRun, key: String) async throws -> Evaluation {
        guard let evaluation = try await store.evaluation(runID: run.id, key: key) else {
            throw APIError.notFound("run '\(run.name)' has no evaluation '\(key)'")
        }
        return evaluation
    }

    /// The slice of a dataset with that name.
    /// - Throws: `APIError.notFound`.
    func slice(_ name: String, of dataset: Dataset) async throws -> Slice {
        guard let slice = try await store.slices(datasetID: dataset.id).first(where: { $0.name == name }) else {
            throw APIError.notFound("dataset '\(dataset.name)' has no slice '\(name)'")
        }
        return slice
    }
}
