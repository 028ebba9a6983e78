import LoupeCatalog

/// The keys of rows known only by store id (an evaluation's per-row results), and the dataset
/// they belong to.
///
/// The `Store` protocol has no lookup by row id yet, so each id is read as the one-row page of
/// its dataset that starts just before it (an indexed read per row). A page of at most 1,000
/// results costs at most 1,000 such reads. `Store.rows(ids:)` would make this one query.
struct RowKeyResolver<S: Store> {
    /// The store read.
    let store: S

    /// The dataset holding the rows and each row's key by id; `nil` when `ids` is empty.
    /// Rows that are no longer in the dataset are left out of the map.
    func keys(of ids: [Int64]) async throws -> (Dataset, [Int64: String])? {
        guard let first = ids.first else { return nil }
        var dataset: Dataset?
        for candidate in try await store.datasets() where try await row(first, in: candidate) != nil {
            dataset = candidate
            break
        }
        guard let dataset else { return nil }
        var keys: [Int64: String] = [:]
        for id in ids {
            if let row = try await row(id, in: dataset) { keys[id] = row.key }
        }
        return (dataset, keys)
    }

    private func row(_ id: Int64, in dataset: Dataset) async throws -> DataRow? {
        let page = try await store.rows(datasetID: dataset.id, page: PageRequest(after: PageCursor(lastID: id - 1), limit: 1))
        return page.items.first.flatMap { $0.id == id ? $0 : nil }
    }
}
