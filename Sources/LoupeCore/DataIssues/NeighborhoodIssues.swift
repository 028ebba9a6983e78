/// Data-issue checks computed from a k-nearest-neighbour graph: k-NN distance outliers, Local
/// Outlier Factor, uniqueness and representativeness. Each returns a `DataIssueReport`.
///
/// Distances: the graph's distances are used as Euclidean-like dissimilarities: cosine distance
/// (`1 − cos`) as is, and for `l2` the square root of the stored squared distance (the Euclidean
/// distance, as scikit-learn's `LocalOutlierFactor` and Datalab use; squared distances would
/// distort every ratio). Inner-product graphs are refused (their distances are negative and have no
/// density meaning): normalize the vectors and use cosine.
///
/// Empty slots (fewer than `k` other rows) are skipped; a row without any neighbour has no raw
/// value, scores 1 and is never flagged.
public enum NeighborhoodIssues {
    /// Settings shared by the neighbourhood checks.
    public struct Parameters: Hashable, Sendable, Codable {
        /// Tukey's fence multiplier `c` of the flag thresholds (default 1.5).
        public var fenceMultiplier: Double
        /// The smallest Local Outlier Factor flagged, whatever the fence (default 1.5): on a
        /// sample of uniform density the fence can fall just above 1, where LOF means nothing.
        public var minimumLocalOutlierFactor: Double

        /// Parameters with the documented defaults.
        public init(fenceMultiplier: Double = DataIssueScoring.defaultFenceMultiplier,
                    minimumLocalOutlierFactor: Double = 1.5) {
            self.fenceMultiplier = fenceMultiplier
            self.minimumLocalOutlierFactor = minimumLocalOutlierFactor
        }
    }

    /// The graph's distances as Euclidean-like dissimilarities (see the type), `nil` for empty slots.
    static func dissimilarities(_ graph: NeighborGraph, check: String) throws(DataIssueInputError) -> [Double?] {
        let root: Bool
        switch graph.metric {
        case .innerProduct:
            throw DataIssueInputError(reason: "\(check) needs a cosine or l2 neighbour graph, not inner_product "
                + "(normalize the vectors and use cosine)")
        case .l2: root = true
        case .cosine: root = false
        }
        return zip(graph.neighbors, graph.distances).map { neighbor, distance in
            guard neighbor >= 0, distance.isFinite else { return nil }
            let d = Double(max(distance, 0))
            return root ? d.squareRoot() : d
        }
    }

    /// Mean distance to the `k` nearest neighbours, a global outlier score (Ramaswamy, Rastogi and
    /// Shim 2000 use the k-th distance; the mean, as Datalab, is steadier).
    ///
    /// Raw value: the mean dissimilarity to the row's neighbours. Score `exp(−raw / median raw)`.
    /// Flag: raw above Tukey's upper fence `Q3 + c·IQR`.
    /// - Throws: `DataIssueInputError` for an inner-product graph.
    /// - Complexity: O(n · k + n log n).
    public static func knnDistanceOutliers(graph: NeighborGraph, parameters: Parameters = Parameters())
        throws(DataIssueInputError) -> DataIssueReport {
        let d = try dissimilarities(graph, check: "k-NN outlier score")
        let k = graph.k
        let raw: [Double?] = (0..<graph.count).map { i in
            let row = d[(i * k)..<((i + 1) * k)].compactMap { $0 }
            return row.isEmpty ? nil : row.reduce(0, +) / Double(row.count)
        }
        let scale = DataIssueScoring.median(raw) ?? 0
        let fence = DataIssueScoring.tukeyFences(raw, multiplier: parameters.fenceMultiplier)?.upper
        let flags = raw.map { value in value.map { v in fence.map { v > $0 } ?? false } ?? false }
        let reasons: [String?] = raw.indices.map { i in
            flags[i] ? "mean distance \(format(raw[i]!)) to its nearest neighbours, above the fence \(format(fence!))" : nil
        }
        return DataIssueReport(kind: .outlierKNN, scores: raw.map { DataIssueScoring.exponentialScore($0, scale: scale) },
                               rawValues: raw, flags: flags, reasons: reasons, threshold: fence)
    }

    /// Uniqueness: the distance to the nearest neighbour, normalized by the largest such distance
    /// (FiftyOne's `compute_uniqueness` normalization), so the most isolated row scores 1 and an
    /// exact copy of another row scores 0. Lower is worse: the row adds little that another row
    /// does not already show.
    ///
    /// Raw value: nearest-neighbour dissimilarity. Score `raw / max raw` (0 for every row when all
    /// are 0). Flag: raw below Tukey's lower fence `Q1 − c·IQR` (a clump of near-copies in an
    /// otherwise spread sample; on a sample without such a clump nothing is flagged, and the
    /// thresholded `NearDuplicates` check is the one to act on).
    /// - Throws: `DataIssueInputError` for an inner-product graph.
    /// - Complexity: O(n · k + n log n).
    public static func uniqueness(graph: NeighborGraph, parameters: Parameters = Parameters())
        throws(DataIssueInputError) -> DataIssueReport {
        let d = try dissimilarities(graph, check: "uniqueness")
        let k = graph.k
        let raw: [Double?] = (0..<graph.count).map { i in k == 0 ? nil : d[i * k] }
        let largest = raw.compactMap { $0 }.max() ?? 0
        let fence = DataIssueScoring.tukeyFences(raw, multiplier: parameters.fenceMultiplier)?.lower
        let flags = raw.map { value in value.map { v in fence.map { v < $0 } ?? false } ?? false }
        let reasons: [String?] = raw.indices.map { i in
            flags[i] ? "nearest neighbour (row \(graph.neighbors[i * k])) at distance \(format(raw[i]!)), "
                + "below the fence \(format(fence!))" : nil
        }
        let scores = raw.map { value -> Double in
            guard let value else { return 1 }
            return largest > 0 ? min(1, value / largest) : 0
        }
        return DataIssueReport(kind: .uniqueness, scores: scores, rawValues: raw, flags: flags, reasons: reasons,
                               threshold: fence)
    }

    /// Representativeness: how many rows count this row among their `k` nearest neighbours (its
    /// in-degree in the k-NN graph, the "hubness" of Radovanović et al. 2010). Every filled slot
    /// points at some row, so the mean in-degree is `k` on a full graph: a row at or above `k`
    /// stands for its region; a row nobody points at ("anti-hub") represents nothing but itself.
    ///
    /// Raw value: the in-degree. Score `min(1, in-degree / k)`. Flag: in-degree 0. Works for every
    /// metric (only the neighbour lists are read). An empty graph (`k = 0`) flags nothing.
    /// - Complexity: O(n · k).
    public static func representativeness(graph: NeighborGraph) -> DataIssueReport {
        var inDegree = [Int](repeating: 0, count: graph.count)
        for neighbor in graph.neighbors where neighbor >= 0 { inDegree[Int(neighbor)] += 1 }
        let k = graph.k
        let flags = inDegree.map { k > 0 && $0 == 0 }
        let reasons: [String?] = flags.map { $0 ? "no row has it among its \(k) nearest neighbours" : nil }
        let scores = inDegree.map { k > 0 ? min(1, Double($0) / Double(k)) : 1 }
        return DataIssueReport(kind: .representativeness, scores: scores, rawValues: inDegree.map { Double($0) },
                               flags: flags, reasons: reasons, threshold: k > 0 ? 0 : nil)
    }

    /// A short decimal rendering for reasons (4 significant digits).
    static func format(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e6) {
            return String(describing: Float(value))
        }
        let scaled = (value * 10_000).rounded() / 10_000
        return String(describing: scaled)
    }
}
