extension Store {
    /// The keys of rows of a dataset by id, read 10,000 ids at a time; ids of other datasets or
    /// of no row are left out.
    /// - Complexity: one `rows(datasetID:ids:)` call per 10,000 ids.
    public func keys(datasetID: Int64, rowIDs: [Int64]) async throws -> [Int64: String] {
        var keys: [Int64: String] = [:]
        keys.reserveCapacity(rowIDs.count)
        for start in stride(from: 0, to: rowIDs.count, by: 10_000) {
            let ids = Array(rowIDs[start..<min(rowIDs.count, start + 10_000)])
            for row in try await rows(datasetID: datasetID, ids: ids) {
                if let id = row.id { keys[id] = row.key }
            }
        }
        return keys
    }
}
