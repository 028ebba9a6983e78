/// Rows of held-out splits (test, validation) with a near-duplicate in the training split: the
/// leakage that inflates held-out metrics.
///
/// Pairs come from the k-NN graph in either direction (a held-out row's neighbour in training, or
/// a training row's neighbour in the held-out split) with similarity at or above the threshold, as
/// `NearDuplicates` defines it. Rows without a split, or in a split that is neither training nor
/// held out, are ignored.
public struct LeakageReport: Hashable, Sendable, Codable {
    /// One held-out row and one training row at or above the threshold.
    public struct Pair: Hashable, Sendable, Codable {
        /// The held-out row.
        public var heldOutRow: Int
        /// Its split.
        public var heldOutSplit: String
        /// The training row.
        public var trainingRow: Int
        /// Their similarity (the higher of the two directions when both are in the graph).
        public var similarity: Double
    }

    /// Per held-out split: how many of its rows leak.
    public struct SplitSummary: Hashable, Sendable, Codable {
        /// The split name.
        public var split: String
        /// Rows in the split.
        public var rows: Int
        /// Rows with at least one training near-duplicate.
        public var leakedRows: Int
        /// `leakedRows / rows` (0 for an empty split).
        public var share: Double { rows == 0 ? 0 : Double(leakedRows) / Double(rows) }
    }

    /// The similarity threshold.
    public var threshold: Double
    /// All pairs, most similar first, then by held-out row and training row.
    public var pairs: [Pair]
    /// One summary per held-out split, in the order the splits were given.
    public var splits: [SplitSummary]
    /// The held-out rows with at least one pair, ascending.
    public var leakedRows: [Int]

    /// The leakage of `heldOutSplits` into `trainingSplits` in `graph`.
    /// - Parameters:
    ///   - split: one split name per row, `nil` for none.
    ///   - trainingSplits: the names counted as training (default `["train"]`).
    ///   - heldOutSplits: the names counted as held out, in report order (default `["validation", "test"]`).
    /// - Throws: `DataIssueInputError` when `split` does not have one entry per graph row, or a
    ///   name is both training and held out.
    /// - Complexity: O(n · k + p log p) for `p` pairs.
    public init(graph: NeighborGraph, split: [String?], threshold: Double, trainingSplits: Set<String> = ["train"],
                heldOutSplits: [String] = ["validation", "test"]) throws(DataIssueInputError) {
        guard split.count == graph.count else {
            throw DataIssueInputError(reason: "\(split.count) splits for \(graph.count) rows")
        }
        if let both = heldOutSplits.first(where: trainingSplits.contains) {
            throw DataIssueInputError(reason: "split \"\(both)\" is both training and held out")
        }
        let heldOut = Set(heldOutSplits)
        var best: [Int64: Double] = [:]
        let n = Int64(max(graph.count, 1))
        for i in 0..<graph.count {
            guard let own = split[i] else { continue }
            let isTraining = trainingSplits.contains(own)
            guard isTraining || heldOut.contains(own) else { continue }
            for slot in (i * graph.k)..<((i + 1) * graph.k) {
                let j = Int(graph.neighbors[slot])
                guard j >= 0, let other = split[j], graph.distances[slot].isFinite else { continue }
                let pairIsLeak = isTraining ? heldOut.contains(other) : trainingSplits.contains(other)
                guard pairIsLeak else { continue }
                let similarity = Double(graph.metric.similarity(forDistance: graph.distances[slot]))
                guard similarity >= threshold else { continue }
                let (h, t) = isTraining ? (j, i) : (i, j)
                let key = Int64(h) * n + Int64(t)
                best[key] = max(best[key] ?? -.infinity, similarity)
            }
        }
        let pairs = best.map { key, similarity in
            let h = Int(key / n)
            return Pair(heldOutRow: h, heldOutSplit: split[h]!, trainingRow: Int(key % n), similarity: similarity)
        }.sorted { a, b in
            a.similarity != b.similarity ? a.similarity > b.similarity
                : (a.heldOutRow, a.trainingRow) < (b.heldOutRow, b.trainingRow)
        }
        self.pairs = pairs
        let leaked = Set(pairs.map(\.heldOutRow)).sorted()
        splits = heldOutSplits.map { name in
            SplitSummary(split: name, rows: split.lazy.filter { $0 == name }.count,
                         leakedRows: leaked.lazy.filter { split[$0] == name }.count)
        }
        leakedRows = leaked
        self.threshold = threshold
    }
}
