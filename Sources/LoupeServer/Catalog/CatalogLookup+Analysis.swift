import LoupeCatalog

extension CatalogLookup {
    /// The row of a dataset with that key, with its store id.
    /// - Throws: `APIError.notFound`.
    func row(_ key: String, of dataset: Dataset) async throws -> (DataRow, Int64) {
        guard let row = try await store.row(datasetID: dataset.id, key: key), let id = row.id else {
            throw APIError.notFound("dataset '\(dataset.name)' has no row '\(key)'")
        }
        return (row, id)
    }

    /// The embedding space of that name.
    /// - Throws: `APIError.notFound`.
    func embeddingSpace(_ name: String) async throws -> EmbeddingSpace {
        guard let space = try await store.embeddingSpaces().first(where: { $0.name == name }) else {
            throw APIError.notFound("no embedding space '\(name)'")
        }
        return space
    }

    /// The dataset a run's rows belong to, found from its first evaluated row or first snapshot
    /// row; `nil` when the run has neither.
    func dataset(of run: ModelRun) async throws -> Dataset? {
        for evaluation in try await store.evaluations(runID: run.id) {
            if let first = try await store.evaluationRows(evaluationID: evaluation.id, page: PageRequest(limit: 1)).items.first {
                return try await RowKeyResolver(store: store).keys(of: [first.rowID])?.0
            }
        }
        if let first = try await store.snapshot(runID: run.id, page: PageRequest(limit: 1)).items.first {
            return try await RowKeyResolver(store: store).keys(of: [first.rowID])?.0
        }
        if let first = try await store.predictions(runID: run.id, page: PageRequest(limit: 1)).items.first {
            return try await RowKeyResolver(store: store).keys(of: [first.rowID])?.0
        }
        return nil
    }
}
