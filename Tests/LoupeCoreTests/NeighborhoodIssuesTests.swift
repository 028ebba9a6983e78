import Foundation
import LoupeCore
import Testing

@Suite("Neighbourhood data issues: k-NN outliers, LOF, uniqueness, representativeness")
struct NeighborhoodIssuesTests {
    @Test("LOF equals scikit-learn's LocalOutlierFactor(n_neighbors=k) for euclidean (l2 graph) and cosine",
          arguments: [(VectorMetric.l2, "euclidean", 10), (.l2, "euclidean", 20), (.cosine, "cosine", 10)])
    func lofMatchesScikitLearn(metric: VectorMetric, sklearnMetric: String, k: Int) throws {
        let points = DataIssuesFixtures.clusteredPoints(seed: 7)
        let graph = DataIssuesFixtures.bruteForceGraph(points, k: k, metric: metric)
        let answer = try DataIssuesOracle.run([["kind": "lof", "points": points, "k": k, "metric": sklearnMetric]])[0]
        let expected = (answer["values"] as! [Double]).map { -$0 }
        let sklearnNeighbors = answer["neighbors"] as! [[Int]]
        let ours = (0..<graph.count).map { graph.neighbors(of: $0).map(Int.init) }
        // LOF of a row depends on its neighbours' neighbour sets: compare where all of those agree.
        let agree = (0..<graph.count).filter { i in
            Set(ours[i]) == Set(sklearnNeighbors[i]) && ours[i].allSatisfy { Set(ours[$0]) == Set(sklearnNeighbors[$0]) }
        }
        #expect(agree.count >= graph.count - 2, "neighbour sets agree on \(agree.count) of \(graph.count) rows")
        let report = try NeighborhoodIssues.localOutlierFactor(graph: graph)
        var worst = 0.0
        for i in agree {
            let lof = try #require(report.rawValues[i])
            worst = max(worst, abs(lof - expected[i]) / expected[i])
        }
        #expect(worst <= 1e-4, "largest relative LOF difference \(worst)")
        // In Euclidean space the six planted far points are the six highest LOFs and are flagged
        // (under cosine they are ordinary directions).
        guard metric == .l2 else { return }
        let top = report.rawValues.indices.sorted { report.rawValues[$0]! > report.rawValues[$1]! }.prefix(6)
        #expect(Set(top) == Set(300..<306))
        #expect((300..<306).allSatisfy { report.flags[$0] })
        #expect(report.scores.allSatisfy { $0 > 0 && $0 <= 1 })
    }

    @Test("k-NN distance outliers: hand-computed means, the median scale and Tukey's fence")
    func knnOutliersByHand() throws {
        // Points on a line: 0, 1, 2, 3, 4 and 20; k = 2, Euclidean distances (l2 stores squares).
        let points: [[Double]] = [[0], [1], [2], [3], [4], [20]]
        let graph = DataIssuesFixtures.bruteForceGraph(points, k: 2, metric: .l2)
        let report = try NeighborhoodIssues.knnDistanceOutliers(graph: graph)
        let expected: [Double] = [1.5, 1, 1, 1, 1.5, 16.5]  // 20 → 4 (16) and 3 (17)
        for (value, wanted) in zip(report.rawValues, expected) { #expect(abs(value! - wanted) < 1e-6) }
        // Quartiles of [1, 1, 1, 1.5, 1.5, 16.5]: Q1 = 1, Q3 = 1.5, fence 1.5 + 1.5·0.5 = 2.25.
        #expect(abs(report.threshold! - 2.25) < 1e-9)
        #expect(report.flags == [false, false, false, false, false, true])
        #expect(report.flaggedRows == [5])
        // Median 1.25: the score of row 0 is exp(−1.5/1.25).
        #expect(abs(report.scores[0] - exp(-1.5 / 1.25)) < 1e-6)
        #expect(report.reasons[5]?.contains("16.5") == true && report.reasons[0] == nil)
        #expect(abs(report.datasetScore - report.scores.reduce(0, +) / 6) < 1e-12)
    }

    @Test("uniqueness: nearest distance over the largest; a clump of copies is flagged below the lower fence")
    func uniquenessByHand() throws {
        // 40 points about 10 apart (jittered), and a clump of three near-copies far away.
        var g = SplitMix64(seed: 3)
        var points: [[Double]] = (0..<40).map { [Double($0) * 10 + 2 * g.nextUnitInterval() - 1] }
        points += [[1000], [1000.001], [1000.002]]
        let graph = DataIssuesFixtures.bruteForceGraph(points, k: 3, metric: .l2)
        let report = try NeighborhoodIssues.uniqueness(graph: graph)
        let raw = report.rawValues.map { $0! }
        let largest = raw.max()!
        #expect(largest > 8 && largest < 12)
        for i in raw.indices { #expect(abs(report.scores[i] - raw[i] / largest) < 1e-12) }
        #expect(report.scores[40] < 1e-3 && report.scores.max() == 1)
        #expect(report.flaggedRows.sorted() == [40, 41, 42])
        #expect(report.reasons[41]?.contains("row 40") == true || report.reasons[41]?.contains("row 42") == true)
    }

    @Test("representativeness: in-degree over k; a row nobody lists is flagged")
    func representativenessByHand() {
        // 0 ↔ 1 point at each other, 2 points at 1: in-degrees 1, 2, 0.
        let graph = NeighborGraph(count: 3, k: 1, metric: .innerProduct, neighbors: [1, 0, 1], distances: [-1, -1, -0.5])
        let report = NeighborhoodIssues.representativeness(graph: graph)
        #expect(report.rawValues == [1, 2, 0])
        #expect(report.scores == [1, 1, 0])
        #expect(report.flags == [false, false, true])
        #expect(report.kind.rawValue == "representativeness")
    }

    @Test("edge cases: an inner-product graph is refused; rows without neighbours score 1, unflagged")
    func edgeCases() throws {
        let inner = NeighborGraph(count: 2, k: 1, metric: .innerProduct, neighbors: [1, 0], distances: [-1, -1])
        #expect(throws: DataIssueInputError.self) { try NeighborhoodIssues.localOutlierFactor(graph: inner) }
        #expect(throws: DataIssueInputError.self) { try NeighborhoodIssues.knnDistanceOutliers(graph: inner) }
        let lonely = NeighborGraph(count: 1, k: 2, metric: .l2, neighbors: [-1, -1], distances: [.infinity, .infinity])
        for report in [try NeighborhoodIssues.localOutlierFactor(graph: lonely),
                       try NeighborhoodIssues.knnDistanceOutliers(graph: lonely),
                       try NeighborhoodIssues.uniqueness(graph: lonely)] {
            #expect(report.scores == [1] && report.flags == [false] && report.rawValues == [nil])
        }
        let empty = NeighborGraph(count: 0, k: 3, metric: .cosine, neighbors: [], distances: [])
        #expect(try NeighborhoodIssues.localOutlierFactor(graph: empty).datasetScore == 1)
        // Exact duplicates: LOF follows scikit-learn's 1e-10 guard and stays finite.
        let copies = DataIssuesFixtures.bruteForceGraph([[0, 0], [0, 0], [0, 0], [5, 5]], k: 2, metric: .l2)
        let lof = try NeighborhoodIssues.localOutlierFactor(graph: copies)
        #expect(lof.rawValues.allSatisfy { $0!.isFinite })
        #expect(lof.flags[3])
    }

    @Test("the issue kinds keep their stable raw values")
    func kindRawValues() {
        #expect(DataIssueKind.allCases.map(\.rawValue) == ["outlier_knn", "outlier_lof", "uniqueness", "representativeness",
                                                           "near_duplicate", "label_error", "missing_label", "spurious_label"])
    }
}
