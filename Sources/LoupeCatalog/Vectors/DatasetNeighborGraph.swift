import LoupeCore

/// The k-NN graph among one dataset's row vectors in a space, with the rows it was built over:
/// what the embedding data-issue checks and the leakage report read.
///
/// Exact (BLAS) up to `exactUpTo` rows, HNSW above.
public struct DatasetNeighborGraph: Sendable {
    /// The vectors' entries, in graph order (row `i` of the graph is `entries[i]`).
    public var entries: [EmbeddingEntry]
    /// The rows' keys, in graph order.
    public var keys: [String]
    /// The graph (`k` clamped to the number of rows minus one).
    public var graph: NeighborGraph

    /// Builds the graph of `dataset`'s row vectors in `space`.
    /// - Throws: `StoreError.invalid` for `k` outside 1…200 or an inner-product metric (the checks
    ///   need a distance), `StoreError.notFound` when the dataset has no row vectors in the space.
    /// - Complexity: the exact graph is O(n² · d) in BLAS blocks; HNSW O(n log n · d).
    public static func build<S: Store>(store: S, space: EmbeddingSpace, dataset: Dataset, k: Int, metric: VectorMetric,
                                       exactUpTo: Int) async throws -> DatasetNeighborGraph {
        guard (1...200).contains(k) else { throw StoreError.invalid("k must be from 1 to 200, not \(k)") }
        guard metric != .innerProduct else { throw StoreError.invalid("data issues need a distance: use cosine or l2, not inner_product") }
        let entries = try await store.embeddingEntries(spaceID: space.id).filter { $0.objectID == nil && $0.datasetID == dataset.id }
        guard !entries.isEmpty else { throw StoreError.notFound("dataset '\(dataset.name)' has no row vectors in space '\(space.name)'") }
        let vectors = try await store.embeddingVectors(spaceID: space.id, ids: entries.map(\.id))
        let keys = try await store.keys(datasetID: dataset.id, rowIDs: entries.map(\.rowID))
        let graph = try await BlockingWork.run { () throws -> NeighborGraph in
            let neighbours = min(k, max(entries.count - 1, 0))
            do {
                return entries.count <= exactUpTo
                    ? try ExactVectorIndex.neighborGraph(of: vectors, k: neighbours, metric: metric)
                    : try HNSWIndex.neighborGraph(of: vectors, k: neighbours, metric: metric)
            } catch {
                throw StoreError.invalid("the space's vectors: \(error)")
            }
        }
        return DatasetNeighborGraph(entries: entries, keys: entries.map { keys[$0.rowID] ?? "" }, graph: graph)
    }
}
