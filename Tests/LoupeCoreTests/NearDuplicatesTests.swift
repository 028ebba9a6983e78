import Foundation
import LoupeCore
import Testing

@Suite("Near-duplicate groups and the train/held-out leakage report")
struct NearDuplicatesTests {
    /// Unit vectors at the given angles (radians).
    static func directions(_ angles: [Double]) -> [[Double]] { angles.map { [cos($0), sin($0)] } }

    /// Groups {0, 1, 2} (angles 0, 0.01, 0.02), {3, 4} (1.0, 1.005), singles 5, 6, 7, and the chain
    /// 8–9–10 (4.0, 4.02, 4.04) whose ends (similarity cos 0.04 ≈ 0.9992) are below the threshold
    /// 0.9995 and join only through 9.
    static let angles: [Double] = [0, 0.01, 0.02, 1.0, 1.005, 2.0, 3.0, -1.5, 4.0, 4.02, 4.04]

    @Test("groups are the connected components of the pairs above the threshold")
    func handBuiltGroups() throws {
        let graph = DataIssuesFixtures.bruteForceGraph(Self.directions(Self.angles), k: 2, metric: .cosine)
        let duplicates = NearDuplicates(graph: graph, threshold: 0.9995)
        #expect(duplicates.groups == [[0, 1, 2], [3, 4], [8, 9, 10]])
        #expect(duplicates.pairs.map { [$0.first, $0.second] } == [[0, 1], [0, 2], [1, 2], [3, 4], [8, 9], [9, 10]])
        #expect(duplicates.groupOfRow == [0, 0, 0, 1, 1, nil, nil, nil, 2, 2, 2])
        let report = try duplicates.report(graph: graph)
        #expect(report.kind == .nearDuplicate)
        #expect(report.flags == [true, true, true, true, true, false, false, false, true, true, true])
        #expect(report.scores[5] == 1 && report.scores[0] < 0.5)
        #expect(report.reasons[0]?.hasPrefix("near-duplicate of rows 1, 2") == true)
        #expect(abs(report.rawValues[0]! - cos(0.01)) < 1e-6)
        #expect(report.rawValues[5] == nil)
    }

    @Test("more exact copies than k + 1 still form one group")
    func manyCopies() {
        let points = Array(repeating: [1.0, 2.0, 3.0], count: 6) + [[-3.0, 1.0, 0.5]]
        let graph = DataIssuesFixtures.bruteForceGraph(points, k: 2, metric: .l2)
        let duplicates = NearDuplicates(graph: graph, threshold: -1e-6)
        #expect(duplicates.groups == [[0, 1, 2, 3, 4, 5]])
    }

    @Test("leakage lists held-out rows with a training near-duplicate, in either graph direction")
    func leakage() throws {
        let graph = DataIssuesFixtures.bruteForceGraph(Self.directions(Self.angles), k: 2, metric: .cosine)
        let split: [String?] = ["train", "test", "validation", "train", "train", "test", "train", "validation",
                                "test", "train", "test"]
        let report = try LeakageReport(graph: graph, split: split, threshold: 0.9995)
        #expect(Set(report.pairs.map { [$0.heldOutRow, $0.trainingRow] }) == [[1, 0], [2, 0], [8, 9], [10, 9]])
        #expect(report.pairs.first.map { [$0.heldOutRow, $0.trainingRow] } == [1, 0])
        #expect(zip(report.pairs, report.pairs.dropFirst()).allSatisfy { $0.similarity >= $1.similarity })
        #expect(report.leakedRows == [1, 2, 8, 10])
        #expect(report.splits.map(\.split) == ["validation", "test"])
        #expect(report.splits.map(\.rows) == [2, 4] && report.splits.map(\.leakedRows) == [1, 3])
        #expect(report.splits[1].share == 0.75)
        // Row 2 is a validation row whose pair with test row 1 is not leakage.
        #expect(!report.pairs.contains { $0.heldOutRow == 2 && $0.trainingRow == 1 })
    }

    @Test("leakage input errors: split count, a split both training and held out")
    func leakageErrors() {
        let graph = DataIssuesFixtures.bruteForceGraph(Self.directions([0, 1]), k: 1, metric: .cosine)
        #expect(throws: DataIssueInputError.self) { try LeakageReport(graph: graph, split: ["train"], threshold: 0.9) }
        #expect(throws: DataIssueInputError.self) {
            try LeakageReport(graph: graph, split: ["train", "test"], threshold: 0.9, heldOutSplits: ["train"])
        }
    }
}
