import Foundation
import LoupeCore
import Testing

@Suite("Label errors by confident learning, against cleanlab 2.9.0")
struct ConfidentLearningTests {
    /// Seeded noisy classification: true class uniform, logits `N(0, 1) + signal·[c = y] + 0.8·[c = y + 1]`
    /// (a confusable neighbour class), softmax probabilities, and `noise` of the labels flipped to
    /// another class uniformly.
    static func noisyData(seed: UInt64, rows: Int, classes: Int, noise: Double, signal: Double = 2)
        -> (labels: [Int], flipped: [Bool], probabilities: [Double]) {
        var g = SplitMix64(seed: seed)
        var labels: [Int] = [], flipped: [Bool] = [], values: [Double] = []
        for _ in 0..<rows {
            let truth = g.nextIndex(below: classes)
            let logits = (0..<classes).map { c in
                DataIssuesFixtures.gaussian(&g) + (c == truth ? signal : 0) + (c == (truth + 1) % classes ? 0.8 : 0)
            }
            let top = logits.max()!
            let weights = logits.map { exp($0 - top) }
            let total = weights.reduce(0, +)
            values += weights.map { $0 / total }
            if g.nextUnitInterval() < noise {
                labels.append((truth + 1 + g.nextIndex(below: classes - 1)) % classes)
                flipped.append(true)
            } else {
                labels.append(truth)
                flipped.append(false)
            }
        }
        return (labels, flipped, values)
    }

    @Test("thresholds, confident joint, flagged sets, ranking and quality scores equal cleanlab's",
          arguments: [(UInt64(1), 3000, 6, 0.1), (2, 2000, 3, 0.2), (3, 5000, 10, 0.05)])
    func matchesCleanlab(seed: UInt64, rows: Int, classes: Int, noise: Double) throws {
        let data = Self.noisyData(seed: seed, rows: rows, classes: classes, noise: noise)
        let p = try ProbabilityMatrix(rows: rows, classes: classes, values: data.probabilities)
        let pRows = (0..<rows).map { Array(p.row($0)) }
        // cleanlab with a stable argsort (deterministic ties), and as installed (CPU-dependent ties).
        let answers = try DataIssuesOracle.run([["kind": "cleanlab", "labels": data.labels, "pred_probs": pRows, "stable": true],
                                                ["kind": "cleanlab", "labels": data.labels, "pred_probs": pRows]])
        let (stable, installed) = (answers[0], answers[1])

        let byNoiseRate = try ConfidentLearning(labels: data.labels, probabilities: p)
        let byJoint = try ConfidentLearning(labels: data.labels, probabilities: p, filter: .confidentLearning)
        for (index, wanted) in (stable["thresholds"] as! [Double]).enumerated() {
            #expect(DataIssuesOracle.close(byNoiseRate.thresholds[index], wanted, 1e-12))
        }
        #expect(byNoiseRate.confidentJoint == stable["joint"] as! [Int])
        #expect(byNoiseRate.calibratedJoint == stable["calibrated"] as! [Int])
        // As installed, a tie may round another entry of a row: same row totals, entries within 1.
        let calibrated = installed["calibrated"] as! [Int]
        #expect(zip(byNoiseRate.calibratedJoint, calibrated).allSatisfy { abs($0 - $1) <= 1 })
        for r in 0..<classes {
            #expect(byNoiseRate.calibratedJoint[(r * classes)..<((r + 1) * classes)].reduce(0, +)
                == calibrated[(r * classes)..<((r + 1) * classes)].reduce(0, +))
        }
        for (analysis, key) in [(byNoiseRate, "prune_by_noise_rate"), (byJoint, "confident_learning")] {
            let ours = Set(analysis.isLabelIssue.indices.filter { analysis.isLabelIssue[$0] })
            #expect(ours == Set(stable[key] as! [Int]), "\(key): differs from cleanlab with a stable sort")
            let theirs = Set(installed[key] as! [Int])
            let jaccard = Double(ours.intersection(theirs).count) / Double(max(ours.union(theirs).count, 1))
            #expect(jaccard >= 0.98, "\(key): Jaccard \(jaccard) with cleanlab as installed")
        }
        #expect(byNoiseRate.rankedIssues(probabilities: p) == stable["ranked"] as! [Int])
        for method in ConfidentLearning.QualityMethod.allCases {
            let ours = ConfidentLearning.qualityScores(labels: data.labels, probabilities: p, method: method)
            let theirs = installed[method.rawValue] as! [Double]
            #expect(zip(ours, theirs).allSatisfy { abs($0 - $1) <= 1e-12 }, "\(method.rawValue) scores differ")
        }
        // The flags find injected noise far better than chance.
        let flagged = byNoiseRate.isLabelIssue.indices.filter { byNoiseRate.isLabelIssue[$0] }
        let precision = Double(flagged.filter { data.flipped[$0] }.count) / Double(max(flagged.count, 1))
        #expect(precision > 2 * noise)
    }

    @Test("a hand-computed case: thresholds, joint, calibration, pruning by margin, and the report")
    func handComputed() throws {
        let labels = [0, 0, 1, 1, 0, 1]
        let p = try ProbabilityMatrix(rows: 6, classes: 2, values: [0.9, 0.1, 0.8, 0.2, 0.3, 0.7, 0.1, 0.9, 0.2, 0.8, 0.6, 0.4])
        let analysis = try ConfidentLearning(labels: labels, probabilities: p)
        // t₀ = mean(0.9, 0.8, 0.2), t₁ = mean(0.7, 0.9, 0.4); row 5 is confident in neither class.
        #expect(abs(analysis.thresholds[0] - 1.9 / 3) < 1e-15 && abs(analysis.thresholds[1] - 2.0 / 3) < 1e-15)
        #expect(analysis.confidentJoint == [2, 1, 0, 2])
        // Row 1 (label 1) rescaled from 2 rows to its 3 labels.
        #expect(analysis.calibratedJoint == [2, 1, 0, 3])
        // One row labelled 0 is pruned towards class 1: the largest margin p₁ − p₀ is row 4's.
        #expect(analysis.isLabelIssue == [false, false, false, false, true, false])
        let report = analysis.report(probabilities: p)
        #expect(report.kind == .labelError && report.flaggedRows == [4])
        #expect(report.scores == [0.9, 0.8, 0.7, 0.9, 0.2, 0.4])
        #expect(report.reasons[4] == "labelled class 0 (p = 0.2), model prefers class 1 (p = 0.8)")
        let margins = ConfidentLearning.qualityScores(labels: labels, probabilities: p, method: .normalizedMargin)
        #expect(abs(margins[4] - 0.2) < 1e-15 && abs(margins[0] - 0.9) < 1e-15)
    }

    @Test("input errors: label count and range")
    func inputErrors() throws {
        let p = try ProbabilityMatrix(rows: 2, classes: 2, values: [0.5, 0.5, 0.1, 0.9])
        #expect(throws: DataIssueInputError.self) { try ConfidentLearning(labels: [0], probabilities: p) }
        #expect(throws: DataIssueInputError.self) { try ConfidentLearning(labels: [0, 2], probabilities: p) }
    }
}
