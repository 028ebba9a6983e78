#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Groups of near-duplicate rows: the connected components of the graph whose edges are the k-NN
/// pairs with similarity at or above a threshold (union–find with path halving and union by size).
///
/// Similarity is the graph metric's (`VectorMetric.similarity(forDistance:)`): cosine similarity,
/// or `−‖a − b‖²` for `l2`, so an `l2` threshold is a negated squared distance. Only pairs present in
/// the graph are seen: two rows more similar than the threshold are grouped whenever one is among
/// the other's `k` nearest, or both are linked through such pairs, so a group can be larger than
/// `k + 1`; a dense clump of more than `k + 1` exact copies is still one group because every copy
/// links to some other copy.
///
/// Groups have at least two rows, members ascending, groups ordered by their first member.
public struct NearDuplicates: Hashable, Sendable, Codable {
    /// One pair of rows at or above the threshold.
    public struct Pair: Hashable, Sendable, Codable {
        /// The smaller row index.
        public var first: Int
        /// The larger row index.
        public var second: Int
        /// Their similarity.
        public var similarity: Double
    }

    /// The similarity threshold the groups were built with.
    public var threshold: Double
    /// The groups, each ascending, ordered by first member.
    public var groups: [[Int]]
    /// Every distinct pair at or above the threshold, ordered by `(first, second)`.
    public var pairs: [Pair]
    /// Per row, its group's position in `groups`, `nil` when it has no near-duplicate.
    public var groupOfRow: [Int?]

    /// Finds the groups of `graph` at `threshold` (see the type).
    /// - Complexity: O(n · k · α(n) + p log p) for `p` pairs.
    public init(graph: NeighborGraph, threshold: Double) {
        var parent = Array(0..<graph.count)
        var size = [Int](repeating: 1, count: graph.count)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        var best: [Int64: Double] = [:]
        for i in 0..<graph.count {
            for slot in (i * graph.k)..<((i + 1) * graph.k) {
                let j = Int(graph.neighbors[slot])
                let distance = graph.distances[slot]
                guard j >= 0, j != i, distance.isFinite else { continue }
                let similarity = Double(graph.metric.similarity(forDistance: distance))
                guard similarity >= threshold else { continue }
                let key = Int64(min(i, j)) * Int64(graph.count) + Int64(max(i, j))
                best[key] = max(best[key] ?? -.infinity, similarity)
                var a = root(i), b = root(j)
                if a == b { continue }
                if size[a] < size[b] { swap(&a, &b) }
                parent[b] = a
                size[a] += size[b]
            }
        }
        let n = Int64(max(graph.count, 1))
        pairs = best.map { Pair(first: Int($0.key / n), second: Int($0.key % n), similarity: $0.value) }
            .sorted { ($0.first, $0.second) < ($1.first, $1.second) }
        var members: [Int: [Int]] = [:]
        for i in 0..<graph.count where size[root(i)] > 1 { members[root(i), default: []].append(i) }
        groups = members.values.sorted { $0[0] < $1[0] }
        var groupOfRow = [Int?](repeating: nil, count: graph.count)
        for (index, group) in groups.enumerated() { for row in group { groupOfRow[row] = index } }
        self.groupOfRow = groupOfRow
        self.threshold = threshold
    }

    /// The near-duplicate report: a row is flagged when it is in a group; its raw value is its
    /// highest similarity to a near-duplicate (`nil` when unflagged).
    ///
    /// Score: for a flagged row, `1 − exp(−d / m)` where `d` is the dissimilarity to its nearest
    /// neighbour (cosine distance, or Euclidean distance for `l2`) and `m` the median of those over
    /// all rows (an exact copy scores 0, a pair as far apart as a typical neighbour about 0.63);
    /// unflagged rows score 1. Reason: the other members (up to five) and the highest similarity.
    /// - Throws: `DataIssueInputError` for an inner-product graph (no dissimilarity to map).
    /// - Complexity: O(n · k + n log n).
    public func report(graph: NeighborGraph) throws(DataIssueInputError) -> DataIssueReport {
        precondition(graph.count == groupOfRow.count, "NearDuplicates.report: a different graph")
        let d = try NeighborhoodIssues.dissimilarities(graph, check: "near-duplicate score")
        let nearest: [Double?] = (0..<graph.count).map { i in graph.k == 0 ? nil : d[i * graph.k] }
        let scale = DataIssueScoring.median(nearest) ?? 0
        var highest = [Double?](repeating: nil, count: graph.count)
        for pair in pairs {
            highest[pair.first] = max(highest[pair.first] ?? -.infinity, pair.similarity)
            highest[pair.second] = max(highest[pair.second] ?? -.infinity, pair.similarity)
        }
        let flags = groupOfRow.map { $0 != nil }
        let scores: [Double] = (0..<graph.count).map { i in
            guard flags[i], let distance = nearest[i] else { return 1 }
            return 1 - DataIssueScoring.exponentialScore(distance, scale: scale)
        }
        let reasons: [String?] = (0..<graph.count).map { i in
            guard let group = groupOfRow[i] else { return nil }
            let others = groups[group].filter { $0 != i }
            let listed = others.prefix(5).map(String.init).joined(separator: ", ") + (others.count > 5 ? ", …" : "")
            return "near-duplicate of row\(others.count > 1 ? "s" : "") \(listed) "
                + "(similarity \(NeighborhoodIssues.format(highest[i] ?? threshold)))"
        }
        return DataIssueReport(kind: .nearDuplicate, scores: scores, rawValues: highest, flags: flags,
                               reasons: reasons, threshold: threshold)
    }
}
