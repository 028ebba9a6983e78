import Foundation
import LoupeCore
import Testing

@Suite("Labeling budget plans")
struct LabelingBudgetPlanTests {
    static let counts = [50, 100, 200, 400, 800, 1600]

    /// A group fitted to six noisy points of a known curve, currently at the largest count.
    static func group(_ name: String, _ truth: LearningCurve.Parameters, counts: [Int] = counts, weight: Double = 1,
                      seed: UInt64, resamples: Int = 200) -> LabelingBudgetPlan.Group {
        let points = LearningCurveCases.noisyPoints(truth, counts: counts, noise: 0.005, seed: seed)
        return LabelingBudgetPlan.Group(name: name, points: points, labelCount: counts.last!, weight: weight,
                                        options: .init(bootstrapResamples: resamples, seed: seed))
    }

    static let saturated = LearningCurve.Parameters(ceiling: 0.95, scale: 0.6, exponent: 1.0)
    static let steep = LearningCurve.Parameters(ceiling: 0.9, scale: 3, exponent: 0.5)

    @Test("a nearly saturated and a steep group: the budget goes mostly to the steep one, sums to N, and repeats exactly")
    func steepGetsTheBudget() throws {
        let groups = [Self.group("saturated", Self.saturated, seed: 1), Self.group("steep", Self.steep, seed: 2)]
        let plan = LabelingBudgetPlan(groups: groups, budget: 5000)
        #expect(plan.step == 50 && plan.unplannable.isEmpty && plan.unallocatedLabels == 0)
        #expect(plan.allocations.map(\.addedLabels).reduce(0, +) == 5000)
        let steep = plan.allocations[1], saturated = plan.allocations[0]
        print("steep +\(steep.addedLabels) (\(steep.before.value) → \(steep.after.value)), saturated +\(saturated.addedLabels);",
              "overall gain \(plan.overallGain!.value) in \(plan.overallGain!.interval!)")
        #expect(steep.name == "steep" && steep.addedLabels >= 4000)
        #expect(plan == LabelingBudgetPlan(groups: groups, budget: 5000))
        for allocation in plan.allocations {
            let before = try #require(allocation.before.interval), after = try #require(allocation.after.interval)
            #expect(before.contains(allocation.before.value) && after.contains(allocation.after.value))
            #expect(allocation.after.value >= allocation.before.value)
            #expect(abs(allocation.gain.value - (allocation.after.value - allocation.before.value)) < 1e-15)
            #expect(allocation.gain.interval != nil)
        }
        let overall = try #require(plan.overallGain)
        #expect(abs(overall.value - (steep.gain.value + saturated.gain.value) / 2) < 1e-15)
        #expect(try #require(overall.interval).contains(overall.value) && overall.value > 0)
    }

    @Test("greedy allocation equals the best of all allocations in whole steps (concave curves)")
    func greedyIsOptimal() throws {
        let truths = [LearningCurve.Parameters(ceiling: 0.8, scale: 1.5, exponent: 0.4),
                      LearningCurve.Parameters(ceiling: 0.95, scale: 4, exponent: 0.7),
                      LearningCurve.Parameters(ceiling: 0.7, scale: 0.9, exponent: 0.3)]
        let weights = [1.0, 0.5, 2.0]
        let groups = truths.indices.map { Self.group("g\($0)", truths[$0], weight: weights[$0], seed: 10 + UInt64($0), resamples: 0) }
        let plan = LabelingBudgetPlan(groups: groups, budget: 2000, step: 100)
        let curves = try groups.map { try $0.curve.get() }
        func objective(_ added: [Int]) -> Double {
            (0..<3).reduce(0) { $0 + weights[$1] * curves[$1].metric(at: Double(1600 + added[$1])) }
        }
        var best = -Double.infinity
        for a in 0...20 {
            for b in 0...(20 - a) { best = max(best, objective([a * 100, b * 100, (20 - a - b) * 100])) }
        }
        let greedy = objective(plan.allocations.map(\.addedLabels))
        #expect(abs(greedy - best) <= 1e-12 && plan.allocations.allSatisfy { $0.addedLabels % 100 == 0 })
        #expect(Set(plan.allocations.map(\.addedLabels)).count > 1)
    }

    @Test("a group with too few runs, no labels or no weight is unplannable and listed with the reason")
    func unplannableGroups() throws {
        let twoRuns = LabelingBudgetPlan.Group(name: "rare", points: [LearningCurvePoint(labelCount: 10, metric: 0.2),
                                                                      LearningCurvePoint(labelCount: 40, metric: 0.4)], labelCount: 40)
        let unlabeled = Self.group("new", Self.steep, seed: 3)
        var noLabels = unlabeled
        noLabels.labelCount = 0
        var noWeight = Self.group("ignored", Self.steep, seed: 4)
        noWeight.weight = 0
        var badWeight = noWeight
        badWeight.name = "nan"
        badWeight.weight = .nan
        let good = Self.group("steep", Self.steep, seed: 5)
        let plan = LabelingBudgetPlan(groups: [twoRuns, noLabels, good, noWeight, badWeight], budget: 1000)
        #expect(plan.unplannable.map(\.name) == ["rare", "new", "ignored", "nan"])
        #expect(plan.unplannable[0].reason.contains("at least 3 distinct label counts"))
        #expect(plan.unplannable[1].reason.contains("undefined at n = 0"))
        #expect(plan.allocations.map(\.name) == ["steep"] && plan.allocations[0].addedLabels == 1000)
        // The overall gain averages over every group with a valid weight (rare, new, steep, ignored):
        // the unplannable ones count as unchanged.
        #expect(abs(try #require(plan.overallGain).value - plan.allocations[0].gain.value / 3) < 1e-15)

        let nothing = LabelingBudgetPlan(groups: [twoRuns, noWeight], budget: 300)
        #expect(nothing.allocations.isEmpty && nothing.unallocatedLabels == 300 && nothing.overallGain?.value == 0)
        #expect(LabelingBudgetPlan(groups: [], budget: 10).overallGain == nil)
    }

    @Test("weights, partial last steps, a zero budget, and a 3-point curve without intervals")
    func stepsWeightsAndMissingBootstrap() throws {
        let heavy = Self.group("heavy", Self.steep, weight: 3, seed: 6), light = Self.group("light", Self.steep, weight: 1, seed: 6)
        let weighted = LabelingBudgetPlan(groups: [light, heavy], budget: 2000)
        #expect(weighted.allocations[1].addedLabels > weighted.allocations[0].addedLabels)

        let partial = LabelingBudgetPlan(groups: [light, heavy], budget: 250, step: 100)
        #expect(partial.allocations.map(\.addedLabels).reduce(0, +) == 250)
        #expect(partial.allocations.contains { $0.addedLabels % 100 == 50 })

        let zero = LabelingBudgetPlan(groups: [light, heavy], budget: 0)
        #expect(zero.step == 1 && zero.allocations.allSatisfy { $0.addedLabels == 0 && $0.gain.value == 0 })
        #expect(zero.overallGain?.value == 0 && zero.overallGain?.interval == Interval(lower: 0, upper: 0, confidence: 0.95))

        // Three runs: a curve without a noise estimate, so no gain interval and no overall interval once it gets labels.
        let threeRuns = Self.group("three", Self.steep, counts: [100, 400, 1600], seed: 7)
        let plan = LabelingBudgetPlan(groups: [threeRuns], budget: 500)
        #expect(plan.allocations[0].addedLabels == 500 && plan.allocations[0].gain.interval == nil)
        #expect(plan.overallGain?.interval == nil && plan.allocations[0].after.interval == nil)
    }

    @Test("the gain intervals and the overall MOVER interval cover the true gains in ≥ 90 % of 60 seeded plans")
    func gainCoverage() throws {
        let truths = [Self.saturated, Self.steep, LearningCurve.Parameters(ceiling: 0.8, scale: 1.5, exponent: 0.4)]
        var overall = 0, gains = 0, receiving = 0
        for repetition in 0..<60 {
            let groups = truths.indices.map { k in
                let points = LearningCurveCases.noisyPoints(truths[k], counts: Self.counts, noise: 0.01, seed: 777 + UInt64(10 * repetition + k))
                return LabelingBudgetPlan.Group(name: "g\(k)", points: points, labelCount: 1600, options: .init(bootstrapResamples: 0))
            }
            let plan = LabelingBudgetPlan(groups: groups, budget: 3000)
            var trueOverall = 0.0
            for (k, allocation) in plan.allocations.enumerated() {
                let n = 1600.0, trueGain = truths[k].metric(at: n + Double(allocation.addedLabels)) - truths[k].metric(at: n)
                trueOverall += trueGain / 3
                guard allocation.addedLabels > 0 else { continue }
                receiving += 1
                if try #require(allocation.gain.interval).contains(trueGain) { gains += 1 }
            }
            if try #require(plan.overallGain?.interval).contains(trueOverall) { overall += 1 }
        }
        print("gain coverage \(gains) of \(receiving) receiving groups; overall \(overall) of 60")
        #expect(overall >= 54 && Double(gains) >= 0.9 * Double(receiving))
    }
}
