import LoupeCore

/// Finds the rows nearest to some rows (or a vector) in an embedding space, within a dataset and
/// filter or across every dataset that shares the space.
///
/// The query vector is the mean of the positives' stored vectors (normalized first for cosine),
/// minus the mean of the negatives' (Rocchio's relevance feedback with equal weights), plus a
/// given vector when there is one. The positives and negatives themselves are never returned.
public struct SimilaritySearch<S: Store>: Sendable {
    /// The store.
    public let store: S
    /// The indexes.
    public let indexes: SpaceIndexCache<S>

    /// A search over `store`'s spaces through `indexes`.
    public init(store: S, indexes: SpaceIndexCache<S>) {
        self.store = store
        self.indexes = indexes
    }

    /// The `query.k` rows nearest to the query, best first (ties by row order).
    /// - Throws: `StoreError.notFound` for an unknown space, dataset or key, or a key whose row
    ///   has no vector in the space; `StoreError.invalid` for an empty query, a vector of the
    ///   wrong length or `k` out of 1…10,000.
    public func search(space spaceName: String, _ query: SimilarityQuery) async throws -> [SimilarityMatch] {
        guard (1...10_000).contains(query.k) else { throw StoreError.invalid("k must be from 1 to 10000, not \(query.k)") }
        guard let space = try await store.embeddingSpaces().first(where: { $0.name == spaceName }) else {
            throw StoreError.notFound("no embedding space '\(spaceName)'")
        }
        guard let dataset = try await store.dataset(named: query.dataset) else { throw StoreError.notFound("no dataset '\(query.dataset)'") }
        guard !query.positives.isEmpty || query.vector != nil else {
            throw StoreError.invalid("a similarity query needs at least one row key or a vector")
        }
        if let vector = query.vector, vector.count != space.dimension {
            throw StoreError.invalid("the query vector has \(vector.count) values; space '\(space.name)' has dimension \(space.dimension)")
        }
        let index = try await indexes.index(of: space, metric: query.metric)
        var excluded = Set<Int64>()
        func mean(of keys: [String], role: String) async throws -> [Float]? {
            guard !keys.isEmpty else { return nil }
            var sum = [Float](repeating: 0, count: space.dimension)
            for key in keys {
                guard let row = try await store.row(datasetID: dataset.id, key: key) else {
                    throw StoreError.notFound("dataset '\(dataset.name)' has no row '\(key)' (\(role))")
                }
                guard let vector = index.vector(ofRow: row.id!) else {
                    throw StoreError.notFound("row '\(key)' of dataset '\(dataset.name)' has no vector in space '\(space.name)'")
                }
                excluded.insert(row.id!)
                for i in sum.indices { sum[i] += vector[i] }
            }
            return sum.map { $0 / Float(keys.count) }
        }
        var target = try await mean(of: query.positives, role: "a positive") ?? [Float](repeating: 0, count: space.dimension)
        if let negative = try await mean(of: query.negatives, role: "a negative") {
            for i in target.indices { target[i] -= negative[i] }
        }
        if let vector = query.vector {
            let given = query.metric == .cosine ? Self.normalized(vector) : vector
            for i in target.indices { target[i] += given[i] }
        }
        let allowedRows: Set<Int64>? = if let filter = query.filter {
            Set(try await store.queryRowIDs(datasetID: dataset.id, filter: filter))
        } else {
            nil
        }
        let onlyDataset = index.vectorsPerDataset.keys.allSatisfy { $0 == dataset.id }
        let hits: [VectorSearchHit]
        do {
            if allowedRows == nil && (query.allDatasets || onlyDataset) {
                // Nothing to filter but the query rows: ask for that many more and drop them.
                let found = try index.search(target, k: query.k + excluded.count, accepted: nil)
                hits = Array(found.filter { index.entries[$0.id].map { !excluded.contains($0.rowID) } ?? false }.prefix(query.k))
            } else {
                let accepted = Set(index.entries.values.lazy.filter { entry in
                    guard !excluded.contains(entry.rowID) else { return false }
                    if entry.datasetID != dataset.id { return query.allDatasets }
                    return allowedRows?.contains(entry.rowID) ?? true
                }.map(\.id))
                hits = try index.search(target, k: query.k, accepted: accepted)
            }
        } catch {
            throw StoreError.invalid("space '\(space.name)': \(error)")
        }
        return try await matches(hits, in: index)
    }

    /// Hits as dataset names and row keys.
    private func matches(_ hits: [VectorSearchHit], in index: SpaceIndex) async throws -> [SimilarityMatch] {
        let entries = hits.compactMap { index.entries[$0.id] }
        var keys: [Int64: String] = [:]
        let names = Dictionary(uniqueKeysWithValues: try await store.datasets().map { ($0.id, $0.name) })
        for (datasetID, group) in Dictionary(grouping: entries, by: \.datasetID) {
            keys.merge(try await store.keys(datasetID: datasetID, rowIDs: group.map(\.rowID))) { first, _ in first }
        }
        return hits.compactMap { hit in
            guard let entry = index.entries[hit.id], let key = keys[entry.rowID] else { return nil }
            return SimilarityMatch(dataset: names[entry.datasetID] ?? "", key: key, score: Double(hit.score))
        }
    }

    private static func normalized(_ vector: [Float]) -> [Float] {
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }
}
