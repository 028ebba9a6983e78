import Foundation
import LoupeCore
import Testing

@Suite("Selection strategies on hand-built pools with known answers")
struct SelectionStrategyTests {
    /// Four rows over three classes: row 1 has the closest top two, row 2 the flattest.
    static let probabilities: [[Double]] = [
        [0.9, 0.05, 0.05],
        [0.48, 0.45, 0.07],
        [0.34, 0.33, 0.33],
        [0.6, 0.1, 0.3],
    ]

    @Test("margin picks the row with the closest top two; the reason names both classes")
    func marginByHand() throws {
        let rows = try Selection.uncertainty(.margin, probabilities: Self.probabilities, pool: [0, 1, 3], budget: 3,
                                             classNames: ["cat", "dog", "bird"])
        #expect(rows.map(\.index) == [1, 3, 0])
        #expect(abs(rows[0].score - 0.97) < 1e-12)
        #expect(rows[0].reason == "margin 0.03 between cat and dog")
        #expect(rows[1].reason == "margin 0.3 between cat and bird")
        #expect(abs(rows[0].component("top_probability")! - 0.48) < 1e-12)
        #expect(rows.map(\.components.first!.name) == ["margin", "margin", "margin"])
    }

    @Test("least confidence and entropy rank the flattest row first, with the hand-computed scores")
    func leastConfidenceAndEntropy() throws {
        let least = try Selection.uncertainty(.leastConfidence, probabilities: Self.probabilities, pool: [0, 1, 2, 3], budget: 4)
        #expect(least.map(\.index) == [2, 1, 3, 0])
        #expect(abs(least[0].score - 0.66) < 1e-12)
        #expect(least[0].reason == "top class 0 at 0.34")
        let entropy = try Selection.uncertainty(.entropy, probabilities: Self.probabilities, pool: [0, 1, 2, 3], budget: 2)
        // Entropy puts row 3 (0.8980 nats) just above row 1 (0.8978), which margin prefers: its mass is spread wider.
        #expect(entropy.map(\.index) == [2, 3])
        let expected = -(0.34 * log(0.34) + 2 * 0.33 * log(0.33))
        #expect(abs(entropy[0].score - expected) < 1e-12)
        let row3 = -(0.6 * log(0.6) + 0.1 * log(0.1) + 0.3 * log(0.3)), row1 = -(0.48 * log(0.48) + 0.45 * log(0.45) + 0.07 * log(0.07))
        #expect(abs(entropy[1].score - row3) < 1e-12 && row3 > row1)
    }

    @Test("ties go to the lower index, whatever the pool order; a budget beyond the pool returns it all")
    func tiesAndBudget() throws {
        let same: [[Double]] = Array(repeating: [0.5, 0.5], count: 5)
        let rows = try Selection.uncertainty(.margin, probabilities: same, pool: [4, 2, 0, 3], budget: 10)
        #expect(rows.map(\.index) == [0, 2, 3, 4])
        #expect(try Selection.uncertainty(.margin, probabilities: same, pool: [1], budget: 0).isEmpty)
        #expect(try Selection.uncertainty(.margin, probabilities: same, pool: [], budget: 3).isEmpty)
    }

    @Test("bad pools and inputs are errors with the row")
    func badInputs() {
        #expect(throws: SelectionInputError(row: 7, reason: "pool row out of range: the inputs have 4 rows")) {
            try Selection.uncertainty(.margin, probabilities: Self.probabilities, pool: [7], budget: 1)
        }
        #expect(throws: SelectionInputError(row: 1, reason: "pool row listed twice")) {
            try Selection.uncertainty(.margin, probabilities: Self.probabilities, pool: [1, 1], budget: 1)
        }
        #expect(throws: SelectionInputError.self) {
            try Selection.uncertainty(.margin, probabilities: Self.probabilities, pool: [1], budget: -1)
        }
        #expect(throws: SelectionInputError.self) {
            try Selection.uncertainty(.margin, probabilities: [[0.5, 0.5], [1.0]], pool: [0], budget: 1)
        }
    }

    @Test("random: seeded, independent of pool order, a prefix of a larger budget, and a permutation of the pool")
    func randomIsSeeded() throws {
        let pool = Array(0..<50)
        let a = try Selection.random(pool: pool, budget: 50, seed: 11)
        let b = try Selection.random(pool: pool.reversed(), budget: 10, seed: 11)
        let c = try Selection.random(pool: pool, budget: 50, seed: 12)
        #expect(Array(a.prefix(10)) == b)
        #expect(Set(a.map(\.index)) == Set(pool))
        #expect(a.map(\.index) != c.map(\.index))
        #expect(zip(a, a.dropFirst()).allSatisfy { $0.score >= $1.score })
        // The draws are SplitMix64's unit-interval outputs in increasing row order.
        var generator = SplitMix64(seed: 11)
        let draws = pool.map { _ in generator.nextUnitInterval() }
        #expect(a.allSatisfy { $0.score == draws[$0.index] })
    }

    @Test("detection: summed binary entropy of the boxes in the band, and their count")
    func detectionByHand() throws {
        let boxes: [[Double]] = [
            [0.95, 0.9, 0.1],  // nothing in 0.2–0.8
            [0.5, 0.5],  // two boxes at maximum entropy
            [0.5, 0.3, 0.85, 0.05],  // two in the band
            [0.2, 0.8],  // the band's ends are included
        ]
        let rows = try Selection.detectionUncertainty(boxScores: boxes, pool: [0, 1, 2, 3], budget: 4)
        let h = { (s: Double) in -s * log(s) - (1 - s) * log(1 - s) }
        #expect(rows.map(\.index) == [1, 2, 3, 0])
        #expect(abs(rows[0].score - 2 * log(2)) < 1e-12)
        #expect(abs(rows[1].score - (h(0.5) + h(0.3))) < 1e-12)
        #expect(rows.map { $0.component("uncertain_boxes")! } == [2, 2, 2, 0])
        #expect(rows[3].score == 0 && rows[3].reason == "no uncertain boxes (scores 0.2–0.8)")
        #expect(rows[0].reason == "2 uncertain boxes (scores 0.2–0.8), entropy 1.386 nats")
        let narrow = try Selection.detectionUncertainty(boxScores: boxes, pool: [2, 3], budget: 2,
                                                        band: Selection.UncertaintyBand(lower: 0.4, upper: 0.6))
        #expect(narrow.map(\.index) == [2, 3] && narrow[1].score == 0)
        #expect(throws: SelectionInputError.self) { try Selection.detectionUncertainty(boxScores: [[1.5]], pool: [0], budget: 1) }
    }

    @Test("k-center greedy on points of a line: the extremes, then the middle, then the quarters")
    func kCenterOnALine() throws {
        let points = RowMajorMatrix(rows: 11, columns: 1, values: (0...10).map(Float.init))
        let rows = try Selection.kCenterGreedy(embeddings: points, pool: Array(0...10), labeled: [], budget: 5, metric: .l2)
        #expect(rows.map(\.index) == [0, 10, 5, 2, 7])
        #expect(rows.map(\.score) == [5, 10, 5, 2, 2])
        #expect(rows[2].reason == "distance 5.0 (l2) to row 0, the nearest labeled or selected row")
        // Starting from a labeled middle point: the extremes first, then the quarters.
        let fromMiddle = try Selection.kCenterGreedy(embeddings: points, pool: [0, 1, 2, 3, 4, 6, 7, 8, 9, 10], labeled: [5],
                                                     budget: 4, metric: .l2)
        #expect(fromMiddle.map(\.index) == [0, 10, 2, 7])
        #expect(fromMiddle.map(\.score) == [5, 5, 2, 2])
        // The whole pool when the budget exceeds it, labeled copies last at distance 0.
        let all = try Selection.kCenterGreedy(embeddings: points, pool: [0, 5, 10], labeled: [5], budget: 9, metric: .l2)
        #expect(all.map(\.index) == [0, 10, 5] && all[2].score == 0)
    }

    @Test("k-center greedy under cosine: directions, not lengths")
    func kCenterCosine() throws {
        // Unit directions at 0°, 90°, 180°, a long vector at 10° and a short one at 45°: cosine ignores length.
        let angles: [Double] = [0, 90, 180, 10, 45]
        let lengths: [Double] = [1, 1, 1, 50, 2]
        var values: [Float] = []
        for (angle, length) in zip(angles, lengths) {
            let radians: Double = angle * Double.pi / 180
            values.append(Float(length * cos(radians)))
            values.append(Float(length * sin(radians)))
        }
        let points = RowMajorMatrix(rows: 5, columns: 2, values: values)
        let rows = try Selection.kCenterGreedy(embeddings: points, pool: [1, 2, 3, 4], labeled: [0], budget: 4, metric: .cosine)
        #expect(rows.map(\.index) == [2, 1, 4, 3])
        #expect(abs(rows[0].score - 2) < 1e-6 && abs(rows[1].score - 1) < 1e-6)
        #expect(abs(rows[2].score - (1 - cos(45 * Double.pi / 180))) < 1e-6)
        #expect(throws: SelectionInputError.self) {
            try Selection.kCenterGreedy(embeddings: points, pool: [1], labeled: [], budget: 1, metric: .innerProduct)
        }
    }

    @Test("k-center greedy over blocks of BLAS products equals a brute-force farthest-first on random points")
    func kCenterMatchesBruteForce() throws {
        var generator = SplitMix64(seed: 5)
        let n = 300, d = 7
        let values = (0..<(n * d)).map { _ in Float(generator.nextUnitInterval() * 2 - 1) }
        let points = RowMajorMatrix(rows: n, columns: d, values: values)
        let labeled = [3, 100, 200]
        let pool = (0..<n).filter { !labeled.contains($0) }
        let rows = try Selection.kCenterGreedy(embeddings: points, pool: pool, labeled: labeled, budget: 20, metric: .l2)
        func distance(_ a: Int, _ b: Int) -> Double {
            (0..<d).reduce(0) { $0 + Double(values[a * d + $1] - values[b * d + $1]) * Double(values[a * d + $1] - values[b * d + $1]) }
                .squareRoot()
        }
        var centers = labeled
        for row in rows {
            let nearest = pool.filter { !centers.contains($0) }.map { p in (p, centers.map { distance(p, $0) }.min()!) }
            let farthest = nearest.max { $0.1 < $1.1 }!
            #expect(row.index == farthest.0)
            #expect(abs(row.score - farthest.1) < 1e-4)
            centers.append(row.index)
        }
    }

    @Test("similarity: the largest cosine to any seed, with the seed named")
    func similarityByHand() throws {
        let points = RowMajorMatrix(rows: 5, columns: 2, values: [1, 0, 0, 1, 3, 3, -1, 0, 0, 0])
        let rows = try Selection.similarity(embeddings: points, pool: [2, 3, 4], seeds: [0, 1], budget: 3)
        // Row 3 = (−1, 0) is opposite seed 0 and orthogonal to seed 1; row 4 is the zero vector: both 0, by index.
        #expect(rows.map(\.index) == [2, 3, 4])
        #expect(abs(rows[0].score - 0.5.squareRoot()) < 1e-6)
        #expect(rows[0].component("seed") == 0)  // equal cosine to both seeds: the lower seed
        #expect(rows[1].score == 0 && rows[2].score == 0)
        #expect(rows[1].component("seed") == 1)
        #expect(rows[0].reason == "cosine 0.707 to seed row 0")
        #expect(throws: SelectionInputError.self) { try Selection.similarity(embeddings: points, pool: [2], seeds: [], budget: 1) }
    }

    @Test("cluster-balanced: each cluster's most uncertain first, round after round")
    func clusterBalancedByHand() throws {
        let clusters = [0, 0, 0, 1, 1, 2, 2, 2]
        let uncertainty = [0.9, 0.8, 0.7, 0.3, 0.2, 0.95, 0.1, 0.1]
        let rows = try Selection.clusterBalanced(clusters: clusters, uncertainty: uncertainty, pool: Array(0..<8), budget: 8)
        // Round 1: 5 (0.95), 0 (0.9), 3 (0.3); round 2: 1 (0.8), 4 (0.2), 6 (0.1); round 3: 2, 7.
        #expect(rows.map(\.index) == [5, 0, 3, 1, 4, 6, 2, 7])
        #expect(rows.map { $0.component("round")! } == [1, 1, 1, 2, 2, 2, 3, 3])
        #expect(rows[2].reason == "uncertainty 0.3, the most uncertain in cluster 1")
        let three = try Selection.clusterBalanced(clusters: clusters, uncertainty: uncertainty, pool: Array(0..<8), budget: 3)
        #expect(Set(three.map { clusters[$0.index] }) == [0, 1, 2])
        #expect(throws: SelectionInputError.self) {
            try Selection.clusterBalanced(clusters: clusters, uncertainty: [0.1], pool: [0], budget: 1)
        }
    }

    @Test("class-balanced: quotas filled with each class's most uncertain rows, interleaved, then the rest")
    func classBalancedByHand() throws {
        let groups = [0, 0, 0, 1, 1, 1, 2, 2]
        let uncertainty = [0.1, 0.5, 0.3, 0.9, 0.8, 0.7, 0.6, 0.2]
        let rows = try Selection.classBalanced(groups: groups, quotas: [2, 1, 0], uncertainty: uncertainty, pool: Array(0..<8),
                                               budget: 3, groupNames: ["cat", "dog", "bird"])
        // Class 0 takes its two most uncertain (1, 2); class 1 its most uncertain (3); class 2 nothing,
        // although row 6 is more uncertain than both of class 0's.
        #expect(rows.map(\.index) == [1, 3, 2])
        #expect(rows[0].reason == "fills cat's deficit (1 of 2), uncertainty 0.5")
        // A quota beyond a class's rows takes what it has; the remainder follows by uncertainty.
        let all = try Selection.classBalanced(groups: groups, quotas: [5, 1, 0], uncertainty: uncertainty, pool: Array(0..<8), budget: 20)
        #expect(all.map(\.index) == [1, 3, 2, 0, 4, 5, 6, 7])
        #expect(all.map { $0.component("in_quota")! } == [1, 1, 1, 1, 0, 0, 0, 0])
        #expect(all[4].reason == "beyond the quotas (class 1), uncertainty 0.8")
        #expect(throws: SelectionInputError.self) {
            try Selection.classBalanced(groups: groups, quotas: [-1], uncertainty: uncertainty, pool: [0], budget: 1)
        }
    }

    @Test("class quotas from a budget plan: each class's allocation by name, 0 for a class the plan does not list")
    func quotasFromPlan() throws {
        let dog = LabelingBudgetPlanTests.group("dog", LabelingBudgetPlanTests.steep, seed: 2, resamples: 20)
        let cat = LabelingBudgetPlanTests.group("cat", LabelingBudgetPlanTests.saturated, seed: 1, resamples: 20)
        let plan = LabelingBudgetPlan(groups: [dog, cat], budget: 6, step: 1)
        let quotas = Selection.quotas(from: plan, groupNames: ["cat", "dog", "bird"])
        #expect(quotas == [plan.allocations[1].addedLabels, plan.allocations[0].addedLabels, 0])
        #expect(quotas.reduce(0, +) == 6 && quotas[1] > quotas[0])
        // Ten rows per class; the selection gives each class exactly its quota, most uncertain first.
        let groups = (0..<30).map { $0 / 10 }
        let uncertainty = (0..<30).map { Double(($0 * 7) % 10) / 10 }
        let rows = try Selection.classBalanced(groups: groups, quotas: quotas, uncertainty: uncertainty, pool: Array(0..<30), budget: 6)
        for (c, quota) in quotas.enumerated() {
            let chosen = rows.filter { groups[$0.index] == c }.map(\.index)
            let expected = (0..<30).filter { groups[$0] == c }.sorted { uncertainty[$0] > uncertainty[$1] }.prefix(quota)
            #expect(chosen.sorted() == expected.sorted())
        }
    }

    @Test("score normalization: min–max and average ranks")
    func normalization() {
        #expect(ScoreNormalization.minMax.normalize([2, 4, 3]) == [0, 1, 0.5])
        #expect(ScoreNormalization.rank.normalize([10, 30, 20, 20]) == [0, 1, 0.5, 0.5])
        #expect(ScoreNormalization.rank.normalize([1, 1]) == [0, 0])
        #expect(ScoreNormalization.minMax.normalize([7]) == [0])
    }

    @Test("weighted: the weighted mean of normalized components; weights of 0 drop a component")
    func weightedByHand() throws {
        let a = Selection.WeightedComponent(name: "margin", weight: 3, scores: [0, 1, 2, 3])
        let b = Selection.WeightedComponent(name: "k_center", weight: 1, scores: [30, 20, 10, 0])
        let rows = try Selection.weighted([a, b], pool: [0, 1, 2, 3], budget: 4, normalization: .minMax)
        // Row i: (3·i/3 + 1·(3 − i)/3) / 4.
        #expect(rows.map(\.index) == [3, 2, 1, 0])
        #expect(abs(rows[0].score - 0.75) < 1e-12 && abs(rows[3].score - 0.25) < 1e-12)
        #expect(rows[0].reason == "0.75 × margin 1.0 + 0.25 × k_center 0.0")
        var onlyB = b
        onlyB.weight = 1
        var zeroA = a
        zeroA.weight = 0
        #expect(try Selection.weighted([zeroA, onlyB], pool: [0, 1, 2, 3], budget: 4).map(\.index) == [0, 1, 2, 3])
        #expect(throws: SelectionInputError.self) { try Selection.weighted([zeroA], pool: [0], budget: 1) }
        #expect(throws: SelectionInputError.self) { try Selection.weighted([], pool: [0], budget: 1) }
    }

    @Test("every strategy name maps onto its function through SelectionStrategy")
    func strategyNames() throws {
        #expect(SelectionStrategy.allCases.map(\.rawValue) == ["random", "least_confidence", "margin", "entropy", "detection_uncertainty",
                                                               "k_center", "similarity", "cluster_balanced", "class_balanced", "weighted"])
        let probabilities = try ProbabilityMatrix(rows: 4, classes: 3, values: Self.probabilities.flatMap { $0 })
        let embeddings = RowMajorMatrix(rows: 4, columns: 1, values: [0, 1, 2, 10])
        let inputs = SelectionInputs(probabilities: probabilities, boxScores: [[0.5], [], [0.9], [0.3, 0.4]],
                                     embeddings: embeddings, metric: .l2, labeled: [0], seeds: [0], clusters: [0, 0, 1, 1],
                                     quotas: [1, 0, 0], weights: [.init(.margin, 1), .init(.kCenter, 1)], seed: 3)
        let pool = [1, 2, 3]
        for strategy in SelectionStrategy.allCases {
            let rows = try strategy.select(pool: pool, budget: 5, inputs: inputs)
            #expect(rows.map(\.index).sorted() == pool, "\(strategy.rawValue)")
        }
        #expect(try SelectionStrategy.margin.select(pool: pool, budget: 1, inputs: inputs)
            == Selection.uncertainty(.margin, probabilities: probabilities, pool: pool, budget: 1))
        #expect(try SelectionStrategy.kCenter.select(pool: pool, budget: 1, inputs: inputs).first?.index == 3)
        // Weighted, rank-normalized: margin 2 (0.99) > 1 (0.97) > 3 (0.7) gives 1, 0.5, 0; the distance to
        // labeled row 0 (1, 2, 10 for rows 1, 2, 3) gives 0, 0.5, 1; equal weights: 2 → 0.75, 3 → 0.5, 1 → 0.25.
        let weighted = try SelectionStrategy.weighted.select(pool: pool, budget: 3, inputs: inputs)
        #expect(weighted.map(\.index) == [2, 3, 1])
        #expect(zip(weighted.map(\.score), [0.75, 0.5, 0.25]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(throws: SelectionInputError(reason: "k_center needs embeddings")) {
            try SelectionStrategy.kCenter.select(pool: pool, budget: 1, inputs: SelectionInputs(probabilities: probabilities))
        }
        #expect(throws: SelectionInputError.self) {
            try SelectionStrategy.weighted.select(pool: pool, budget: 1,
                                                  inputs: SelectionInputs(probabilities: probabilities, weights: [.init(.classBalanced, 1)]))
        }
    }
}
