import LoupeCatalog

/// The rows of an export a chunk at a time: the given ids in order, or every row of the dataset by
/// id (read by keyset, each chunk where the last ended).
struct RowChunks<S: Store> {
    let store: S
    let datasetID: Int64
    let ids: [Int64]?
    let size: Int
    private var position = 0
    private var cursor: PageCursor?
    private var finished = false

    init(store: S, datasetID: Int64, ids: [Int64]?, size: Int) {
        self.store = store
        self.datasetID = datasetID
        self.ids = ids
        self.size = size
    }

    /// The next chunk, or `nil` after the last.
    mutating func next() async throws -> [DataRow]? {
        guard !finished else { return nil }
        if let ids {
            guard position < ids.count else { return nil }
            let chunk = Array(ids[position..<min(ids.count, position + size)])
            position += chunk.count
            return try await store.rows(datasetID: datasetID, ids: chunk)
        }
        let page = try await store.rows(datasetID: datasetID, page: PageRequest(after: cursor, limit: size))
        cursor = page.next
        finished = page.next == nil
        return page.items.isEmpty ? nil : page.items
    }
}
