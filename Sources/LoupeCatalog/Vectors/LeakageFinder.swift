import LoupeCore

/// Train/test leakage in one dataset: held-out rows (validation, test) with a near-duplicate among
/// the training rows in an embedding space, by `LeakageReport` over the dataset's k-NN graph.
public struct LeakageFinder<S: Store>: Sendable {
    /// The store.
    public let store: S
    /// Rows up to which the k-NN graph is exact.
    public var exactNeighborsUpTo: Int

    /// A finder over `store`.
    public init(store: S, exactNeighborsUpTo: Int = 50_000) {
        self.store = store
        self.exactNeighborsUpTo = exactNeighborsUpTo
    }

    /// A leakage report with the rows' keys: `keys[i]` is row `i` of the report's pairs.
    public struct Result: Sendable {
        /// The report over the graph's rows.
        public var report: LeakageReport
        /// Row keys in graph order.
        public var keys: [String]
    }

    /// The leakage of `heldOutSplits` into `trainingSplits` among `dataset`'s rows in `space`:
    /// pairs whose similarity (cosine, or minus the squared L2 distance) is at least `threshold`
    /// among each row's `k` nearest neighbours.
    /// - Throws: as `DatasetNeighborGraph.build`, and `StoreError.invalid` when a split is both
    ///   training and held out.
    public func find(space: EmbeddingSpace, dataset: Dataset, threshold: Double, k: Int = 10, metric: VectorMetric = .cosine,
                     trainingSplits: Set<String> = ["train"], heldOutSplits: [String] = ["validation", "test"]) async throws -> Result {
        let built = try await DatasetNeighborGraph.build(store: store, space: space, dataset: dataset, k: k, metric: metric,
                                                         exactUpTo: exactNeighborsUpTo)
        var splitOfRow: [Int64: String] = [:]
        let rowIDs = built.entries.map(\.rowID)
        for start in stride(from: 0, to: rowIDs.count, by: 10_000) {
            for row in try await store.rows(datasetID: dataset.id, ids: Array(rowIDs[start..<min(rowIDs.count, start + 10_000)])) {
                if let id = row.id, let split = row.split { splitOfRow[id] = split }
            }
        }
        let splits = rowIDs.map { splitOfRow[$0] }
        do {
            let report = try LeakageReport(graph: built.graph, split: splits, threshold: threshold, trainingSplits: trainingSplits,
                                           heldOutSplits: heldOutSplits)
            return Result(report: report, keys: built.keys)
        } catch {
            throw StoreError.invalid("\(error)")
        }
    }
}
