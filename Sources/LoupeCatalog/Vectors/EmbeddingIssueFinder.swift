import LoupeCore

/// The data issues an embedding space shows in one dataset: k-NN distance outliers, Local Outlier
/// Factor, uniqueness, representativeness and near-duplicate groups, each as a ``DataIssueReport``
/// over the dataset's rows that have a vector, with their keys.
///
/// The k-NN graph is among the dataset's own row vectors: exact (BLAS) up to
/// ``exactNeighborsUpTo`` rows, HNSW above.
public struct EmbeddingIssueFinder<S: Store>: Sendable {
    /// The store.
    public let store: S
    /// Rows up to which the k-NN graph is exact.
    public var exactNeighborsUpTo: Int

    /// A finder over `store`.
    public init(store: S, exactNeighborsUpTo: Int = 50_000) {
        self.store = store
        self.exactNeighborsUpTo = exactNeighborsUpTo
    }

    /// The kinds this finder computes.
    public static var kinds: [DataIssueKind] { [.outlierKNN, .outlierLOF, .uniqueness, .representativeness, .nearDuplicate] }

    /// The report of `kind` for the rows of `dataset` with a vector in `space`.
    /// - Parameters:
    ///   - k: neighbours per row (1…200).
    ///   - metric: cosine or l2.
    ///   - duplicateSimilarity: the cosine similarity (or, for l2, the negated squared distance)
    ///     from which two rows are near-duplicates.
    /// - Throws: `StoreError.notFound` when the dataset has no vectors in the space;
    ///   `StoreError.invalid` for a kind this finder does not compute or parameters out of range.
    public func find(_ kind: DataIssueKind, space: EmbeddingSpace, dataset: Dataset, k: Int = 10, metric: VectorMetric = .cosine,
                     duplicateSimilarity: Double = 0.98) async throws -> KeyedDataIssueReport {
        guard Self.kinds.contains(kind) else {
            throw StoreError.invalid("\(kind.rawValue) is not an embedding issue; choose one of \(Self.kinds.map(\.rawValue).joined(separator: ", "))")
        }
        let built = try await DatasetNeighborGraph.build(store: store, space: space, dataset: dataset, k: k, metric: metric,
                                                         exactUpTo: exactNeighborsUpTo)
        let graph = built.graph
        let rowKeys = built.keys
        let report = try await BlockingWork.run { () throws -> DataIssueReport in
            do {
                switch kind {
                case .outlierKNN: return try NeighborhoodIssues.knnDistanceOutliers(graph: graph)
                case .outlierLOF: return try NeighborhoodIssues.localOutlierFactor(graph: graph)
                case .uniqueness: return try NeighborhoodIssues.uniqueness(graph: graph)
                case .representativeness: return NeighborhoodIssues.representativeness(graph: graph)
                default:
                    let duplicates = NearDuplicates(graph: graph, threshold: duplicateSimilarity)
                    var report = try duplicates.report(graph: graph)
                    // The reason names the other members by key, not by position.
                    for group in duplicates.groups {
                        for member in group where report.flags[member] {
                            let others = group.filter { $0 != member }
                            report.reasons[member] = "near-duplicate of " + others.prefix(5).map { rowKeys[$0] }.joined(separator: ", ")
                                + (others.count > 5 ? " and \(others.count - 5) more" : "")
                        }
                    }
                    return report
                }
            } catch let error as DataIssueInputError {
                throw StoreError.invalid("\(error)")
            }
        }
        return KeyedDataIssueReport(rowIDs: built.entries.map(\.rowID), keys: rowKeys, report: report)
    }
}
