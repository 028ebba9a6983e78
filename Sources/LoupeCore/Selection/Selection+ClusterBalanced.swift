extension Selection {
    /// Cluster-balanced uncertainty: uncertain rows spread over the clusters of an embedding
    /// space, so that one confusing region cannot take the whole batch.
    ///
    /// Pool rows are grouped by `clusters[row]` and sorted within each cluster by uncertainty
    /// (descending, ties to the lower index). Round `r` (from 1) takes the `r`-th most uncertain
    /// row of every cluster that still has one, and orders that round's rows by uncertainty
    /// (descending, ties to the lower index); rounds follow each other until the budget is spent.
    /// So the first round gives each cluster's most uncertain row, and no cluster receives a
    /// second row before every cluster has had one.
    ///
    /// Order and score: the rows come round after round. Score and component `"uncertainty"`:
    /// the row's uncertainty; components `"cluster"` and `"round"`. Any integer is a cluster id
    /// (e.g. −1 for HDBSCAN's noise, which is then one more cluster). Reason, e.g.
    /// "uncertainty 0.71, the most uncertain in cluster 3" or "…, number 2 in cluster 3".
    /// - Parameters:
    ///   - clusters: one cluster id per input row.
    ///   - uncertainty: one finite score per input row, larger is more uncertain (for example
    ///     `UncertaintyMeasure.margin.scores(probabilities)`).
    /// - Throws: `SelectionInputError` when the arrays' lengths differ, an uncertainty is not
    ///   finite, or for a bad pool or a negative budget.
    /// - Complexity: O(p log p).
    /// - Reference: the diversity-by-clustering selection of Zhdanov, "Diverse mini-batch Active
    ///   Learning" (2019), and Citovsky et al., "Batch Active Learning at Scale" (NeurIPS 2021,
    ///   cluster-margin's round-robin over clusters).
    public static func clusterBalanced(clusters: [Int], uncertainty: [Double], pool: [Int], budget: Int) throws(SelectionInputError) -> [SelectedRow] {
        try checkFinite(uncertainty, rowCount: clusters.count, name: "uncertainty")
        try check(pool: pool, rowCount: clusters.count, budget: budget)
        var members: [Int: [Int]] = [:]
        for row in pool { members[clusters[row], default: []].append(row) }
        let ordered = members.keys.sorted().map { id in
            members[id]!.sorted { uncertainty[$0] != uncertainty[$1] ? uncertainty[$0] > uncertainty[$1] : $0 < $1 }
        }
        var result: [SelectedRow] = []
        result.reserveCapacity(min(budget, pool.count))
        var round = 0
        while result.count < min(budget, pool.count) {
            let rows = ordered.compactMap { round < $0.count ? $0[round] : nil }
                .sorted { uncertainty[$0] != uncertainty[$1] ? uncertainty[$0] > uncertainty[$1] : $0 < $1 }
            round += 1
            for row in rows.prefix(budget - result.count) {
                let u = uncertainty[row], cluster = clusters[row]
                let place = round == 1 ? "the most uncertain" : "number \(round)"
                result.append(SelectedRow(index: row, score: u,
                                          components: [.init(name: "uncertainty", value: u), .init(name: "cluster", value: Double(cluster)),
                                                       .init(name: "round", value: Double(round))],
                                          reason: "uncertainty \(format(u)), \(place) in cluster \(cluster)"))
            }
        }
        return result
    }
}
