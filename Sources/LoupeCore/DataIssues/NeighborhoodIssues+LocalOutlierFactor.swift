extension NeighborhoodIssues {
    /// Local Outlier Factor (Breunig, Kriegel, Ng and Sander, "LOF: Identifying Density-Based Local
    /// Outliers", SIGMOD 2000), computed exactly as scikit-learn's `LocalOutlierFactor` on its
    /// training data (`negative_outlier_factor_ = −LOF`):
    ///
    /// - `k-distance(o)`: the dissimilarity from `o` to its last (k-th) neighbour;
    /// - `reach(p, o) = max(d(p, o), k-distance(o))`;
    /// - `lrd(p) = 1 / (mean_{o ∈ N(p)} reach(p, o) + 10⁻¹⁰)` (scikit-learn's `1e-10` guards duplicates);
    /// - `LOF(p) = mean_{o ∈ N(p)} lrd(o) / lrd(p)`.
    ///
    /// About 1 inside a cluster of even density, above 1 for a row less dense than its neighbours.
    /// Agrees with scikit-learn wherever the neighbour sets agree; tied distances at the k-th place
    /// may order differently (the graph orders ties by index). Rows with fewer than `k` neighbours use
    /// those they have.
    ///
    /// Raw value: LOF. Score `min(1, 1 / LOF)`. Flag: LOF above both Tukey's upper fence and
    /// `minimumLocalOutlierFactor`.
    /// - Throws: `DataIssueInputError` for an inner-product graph.
    /// - Complexity: O(n · k + n log n).
    public static func localOutlierFactor(graph: NeighborGraph, parameters: Parameters = Parameters())
        throws(DataIssueInputError) -> DataIssueReport {
        let d = try dissimilarities(graph, check: "Local Outlier Factor")
        let n = graph.count, k = graph.k
        let kDistance: [Double?] = (0..<n).map { i in d[(i * k)..<((i + 1) * k)].last { $0 != nil } ?? nil }
        let density: [Double?] = (0..<n).map { i in
            var total = 0.0, count = 0
            for slot in (i * k)..<((i + 1) * k) {
                guard let distance = d[slot] else { continue }
                let o = Int(graph.neighbors[slot])
                total += max(distance, kDistance[o] ?? distance)
                count += 1
            }
            return count == 0 ? nil : 1 / (total / Double(count) + 1e-10)
        }
        let raw: [Double?] = (0..<n).map { i in
            guard let own = density[i] else { return nil }
            var total = 0.0, count = 0
            for slot in (i * k)..<((i + 1) * k) where d[slot] != nil {
                guard let other = density[Int(graph.neighbors[slot])] else { continue }
                total += other / own
                count += 1
            }
            return count == 0 ? nil : total / Double(count)
        }
        let fence = DataIssueScoring.tukeyFences(raw, multiplier: parameters.fenceMultiplier)?.upper
        let threshold = max(fence ?? parameters.minimumLocalOutlierFactor, parameters.minimumLocalOutlierFactor)
        let flags = raw.map { value in value.map { $0 > threshold } ?? false }
        let reasons: [String?] = raw.indices.map { i in
            flags[i] ? "local outlier factor \(format(raw[i]!)), above \(format(threshold))" : nil
        }
        let scores = raw.map { value in value.map { $0 > 1 ? 1 / $0 : 1 } ?? 1 }
        return DataIssueReport(kind: .outlierLOF, scores: scores, rawValues: raw, flags: flags, reasons: reasons,
                               threshold: threshold)
    }
}
