/// Reads a whole dataset out of a store for exporters, a page at a time.
public struct DatasetReader<S: Store> {
    /// The store read from.
    public let store: S

    /// A reader over `store`.
    public init(store: S) {
        self.store = store
    }

    /// The dataset's classes, rows and current ground truth, and the predictions of `runID` if given.
    /// - Throws: `StoreError.notFound` when there is no such dataset.
    public func contents(ofDataset name: String, runID: Int64? = nil) async throws -> DatasetContents {
        guard let dataset = try await store.dataset(named: name) else { throw StoreError.notFound("no dataset '\(name)'") }
        var rows: [DataRow] = []
        var cursor: PageCursor?
        repeat {
            let page = try await store.rows(datasetID: dataset.id, page: PageRequest(after: cursor, limit: 50_000))
            rows += page.items
            cursor = page.next
        } while cursor != nil
        var annotations: [Annotation] = []
        repeat {
            let page = try await store.annotations(datasetID: dataset.id, allVersions: false, page: PageRequest(after: cursor, limit: 50_000))
            annotations += page.items
            cursor = page.next
        } while cursor != nil
        var predictions: [Prediction] = []
        if let runID {
            let rowIDs = Set(rows.compactMap(\.id))
            repeat {
                let page = try await store.predictions(runID: runID, page: PageRequest(after: cursor, limit: 50_000))
                predictions += page.items.filter { rowIDs.contains($0.rowID) }
                cursor = page.next
            } while cursor != nil
        }
        // Classes last: a schema only grows, so every class the pages above name is in it even if
        // an import ran between the pages.
        let classes = try await store.classes(datasetID: dataset.id)
        return DatasetContents(name: name, classes: classes, rows: rows, annotations: annotations, predictions: predictions)
    }
}
