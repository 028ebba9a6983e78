import LoupeCore

/// k-means clusters of a dataset's row vectors in a space and, with a run's evaluation, each
/// cluster's per-row metric against the whole dataset: where the model does significantly worse.
///
/// The per-row outcome is `correct` (1 or 0) for a classification evaluation, and for a detection
/// evaluation the row's `TP / (TP + FP + FN)` (1 for a row with nothing to find and nothing
/// found): the share of its objects and detections that were right. Rows the evaluation left out
/// are not counted.
public struct ClusterAnalysis<S: Store>: Sendable {
    /// One cluster: its rows, and with a run its metric against the whole set.
    public struct Cluster: Sendable {
        /// The cluster's id (0-based, k-means' numbering).
        public var id: Int
        /// The keys of its rows, in row order.
        public var keys: [String]
        /// The metric over its evaluated rows, with an interval; `nil` without a run.
        public var metric: MetricEstimate?
        /// The cluster's metric minus the whole set's, with an interval.
        public var difference: MetricEstimate?
        /// Whether the difference's interval lies entirely below 0.
        public var isSignificantlyWorse: Bool
    }

    /// The result.
    public struct Result: Sendable {
        /// Clusters, worst first with a run (ties by id), else by id.
        public var clusters: [Cluster]
        /// k-means' within-cluster sum of squares.
        public var inertia: Double
        /// The whole set's metric, with a run.
        public var overall: MetricEstimate?
        /// What the metric is.
        public var metricName: String?
    }

    /// The store.
    public let store: S

    /// An analysis over `store`.
    public init(store: S) {
        self.store = store
    }

    /// Clusters the rows of `dataset` with a vector in `space` into `k` groups (k-means++,
    /// seeded) and, with `run`, reports each group's metric from the run's evaluation `key`.
    /// Vectors are L2-normalized first for `cosine` (spherical k-means), taken as they are for `l2`.
    /// - Throws: `StoreError.notFound` for no vectors, an unknown run or evaluation;
    ///   `StoreError.invalid` for `k` outside 2…1000 or above the number of rows.
    public func analyze(space: EmbeddingSpace, dataset: Dataset, k: Int, metric: VectorMetric = .cosine, seed: UInt64 = 0,
                        run: ModelRun? = nil, evaluationKey: String = "default", resamples: Int = 1000) async throws -> Result {
        guard (2...1_000).contains(k) else { throw StoreError.invalid("k must be from 2 to 1000, not \(k)") }
        let entries = try await store.embeddingEntries(spaceID: space.id).filter { $0.objectID == nil && $0.datasetID == dataset.id }
        guard !entries.isEmpty else { throw StoreError.notFound("dataset '\(dataset.name)' has no row vectors in space '\(space.name)'") }
        guard k <= entries.count else { throw StoreError.invalid("k = \(k) is more than the \(entries.count) rows with vectors") }
        var stored = try await store.embeddingVectors(spaceID: space.id, ids: entries.map(\.id))
        if metric == .cosine { Self.normalizeRows(&stored) }
        let vectors = stored
        let fitted = try await BlockingWork.run { KMeans(clusterCount: k, seed: seed).fit(vectors) }
        let keys = try await store.keys(datasetID: dataset.id, rowIDs: entries.map(\.rowID))
        var members = [[String]](repeating: [], count: k)
        for (index, entry) in entries.enumerated() { members[Int(fitted.labels[index])].append(keys[entry.rowID] ?? "") }
        guard let run else {
            return Result(clusters: (0..<k).map { Cluster(id: $0, keys: members[$0], metric: nil, difference: nil, isSignificantlyWorse: false) },
                          inertia: fitted.inertia, overall: nil, metricName: nil)
        }
        guard let evaluation = try await store.evaluation(runID: run.id, key: evaluationKey) else {
            throw StoreError.notFound("run '\(run.name)' has no evaluation '\(evaluationKey)'")
        }
        let results = try await Page.all { try await store.evaluationRows(evaluationID: evaluation.id, page: $0) }
        var outcomeOfRow: [Int64: Double] = [:]
        for result in results {
            if let correct = result.correct {
                outcomeOfRow[result.rowID] = correct ? 1 : 0
            } else if let tp = result.truePositives {
                let total = tp + (result.falsePositives ?? 0) + (result.falseNegatives ?? 0)
                outcomeOfRow[result.rowID] = total == 0 ? 1 : Double(tp) / Double(total)
            }
        }
        var assignments: [Int] = [], outcomes: [Double] = []
        for (index, entry) in entries.enumerated() {
            guard let outcome = outcomeOfRow[entry.rowID] else { continue }
            assignments.append(Int(fitted.labels[index]))
            outcomes.append(outcome)
        }
        let report = ClusterMetricReport(assignments: assignments, outcomes: outcomes, resamples: resamples, seed: seed)
        var clusters = report.entries.map { entry in
            Cluster(id: entry.cluster, keys: members[entry.cluster], metric: entry.estimate, difference: entry.difference,
                    isSignificantlyWorse: entry.isSignificantlyWorse)
        }
        let reported = Set(clusters.map(\.id))
        clusters += (0..<k).filter { !reported.contains($0) }.map {
            Cluster(id: $0, keys: members[$0], metric: nil, difference: nil, isSignificantlyWorse: false)
        }
        return Result(clusters: clusters, inertia: fitted.inertia, overall: report.overall,
                      metricName: evaluation.kind == .classification ? "accuracy" : "row_tp_share")
    }

    private static func normalizeRows(_ matrix: inout RowMajorMatrix) {
        let d = matrix.columns
        for row in 0..<matrix.rows {
            var norm: Float = 0
            for j in 0..<d { norm += matrix.values[row * d + j] * matrix.values[row * d + j] }
            guard norm > 0 else { continue }
            let scale = 1 / norm.squareRoot()
            for j in 0..<d { matrix.values[row * d + j] *= scale }
        }
    }
}
