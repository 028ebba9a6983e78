#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LoupeCore
import Testing

@Suite("Seeded bootstrap")
struct BootstrapTests {
    @Test("SplitMix64 reproduces the reference sequence and draws unbiased indices in range")
    func generator() {
        var g = SplitMix64(seed: 0)
        // Vigna's splitmix64.c from state 0.
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[g.nextIndex(below: 7)] += 1 }
        // Each count is Binomial(70000, 1/7): mean 10000, sd ≈ 93; ±600 is over 6 sd.
        #expect(counts.allSatisfy { abs($0 - 10_000) < 600 })
        let unit = (0..<1000).map { _ in g.nextUnitInterval() }
        #expect(unit.allSatisfy { $0 >= 0 && $0 < 1 })
    }

    @Test("the same seed gives the same result, with or without parallelism; another seed differs")
    func determinism() {
        let data = Self.normalSample(count: 80, mean: 0, deviation: 1, seed: 3)
        let mean: @Sendable ([Int]) -> Double? = { rows in rows.reduce(0) { $0 + data[$1] } / Double(rows.count) }
        let a = Bootstrap.percentile(rowCount: data.count, seed: 42, statistic: mean)
        let b = Bootstrap.percentile(rowCount: data.count, seed: 42, statistic: mean)
        let serial = Bootstrap.percentile(rowCount: data.count, seed: 42, parallel: false, statistic: mean)
        let other = Bootstrap.percentile(rowCount: data.count, seed: 43, statistic: mean)
        #expect(a == b && a == serial)
        #expect(a.interval != other.interval)
        #expect(a.value == data.reduce(0, +) / 80 && a.validResamples == 1000 && a.support == 80)
        #expect(Bootstrap.resampleIndices(rowCount: 80, resample: 5, seed: 42) == Bootstrap.resampleIndices(rowCount: 80, resample: 5, seed: 42))
        #expect(Bootstrap.resampleIndices(rowCount: 80, resample: 5, seed: 42).allSatisfy { (0..<80).contains($0) })
    }

    @Test("Quantile.linear follows numpy.quantile's linear rule on hand-computed values")
    func handComputedQuantiles() {
        #expect(Quantile.linear(sorted: [1, 2, 3, 4], q: 0.25) == 1.75)
        #expect(Quantile.linear(sorted: [1, 2, 3, 4], q: 0.5) == 2.5)
        #expect(Quantile.linear(sorted: [1, 2, 3, 4], q: 1) == 4)
        #expect(Quantile.linear(sorted: [1, 2, 3, 4], q: 0) == 1)
        #expect(Quantile.linear(sorted: [7], q: 0.3) == 7)
        #expect(Quantile.linear(sorted: [], q: 0.3) == nil)
        // h = 9 · 0.975 ≈ 8.775, g = h - 8 ≥ 0.5, so NumPy interpolates from the upper side:
        // v[9] - (v[9] - v[8]) · (1 - g) with v = 0, 1, 4, …, 81 (numpy.quantile gives 77.17500000000001).
        let g = 9 * 0.975 - 8
        #expect(Quantile.linear(sorted: (0..<10).map { Double($0 * $0) }, q: 0.975) == 81 - 17 * (1 - g))
    }

    @Test("the interval equals numpy.quantile of the resampled statistics, recomputed from the draws")
    func intervalMatchesNumPy() throws {
        var cases: [QuantileCase] = []
        var results: [Bootstrap.Result] = []
        for (index, (n, confidence)) in [(1, 0.95), (2, 0.9), (7, 0.95), (50, 0.5), (200, 0.99)].enumerated() {
            let data = Self.normalSample(count: n, mean: 5, deviation: 2, seed: UInt64(index))
            let median: @Sendable ([Int]) -> Double? = { rows in
                Quantile.linear(sorted: rows.map { data[$0] }.sorted(), q: 0.5)
            }
            let result = Bootstrap.percentile(rowCount: n, resamples: 301, confidence: confidence, seed: UInt64(index), statistic: median)
            let values = (0..<301).map { median(Bootstrap.resampleIndices(rowCount: n, resample: $0, seed: UInt64(index)))! }
            cases.append(QuantileCase(values: values, q: [(1 - confidence) / 2, (1 + confidence) / 2]))
            results.append(result)
        }
        let answers = try MetricsOracle.run(cases, as: QuantileAnswer.self)
        for (result, answer) in zip(results, answers) {
            let interval = try #require(result.interval)
            #expect(interval.lower == answer.quantiles[0] && interval.upper == answer.quantiles[1])
        }
    }

    @Test("resamples where the statistic is undefined are skipped and counted")
    func undefinedResamples() throws {
        let n = 10
        // Defined only when row 0 was drawn: (1 - 0.9¹⁰) ≈ 65 % of resamples.
        let statistic: @Sendable ([Int]) -> Double? = { rows in
            rows.contains(0) ? Double(rows.reduce(0, +)) : nil
        }
        let result = Bootstrap.percentile(rowCount: n, resamples: 500, seed: 9, statistic: statistic)
        let valid = (0..<500).compactMap { statistic(Bootstrap.resampleIndices(rowCount: n, resample: $0, seed: 9)) }.sorted()
        #expect(result.validResamples == valid.count && result.skippedResamples == 500 - valid.count)
        #expect(valid.count > 250 && valid.count < 400)
        #expect(result.interval?.lower == Quantile.linear(sorted: valid, q: 0.025))
        #expect(result.interval?.upper == Quantile.linear(sorted: valid, q: 0.975))
        let never = Bootstrap.percentile(rowCount: n, resamples: 50, seed: 9) { _ in nil }
        #expect(never.interval == nil && never.value == nil && never.validResamples == 0 && never.estimate == nil)
        let nonFinite = Bootstrap.percentile(rowCount: n, resamples: 50, seed: 9) { rows in rows.contains(0) ? .nan : 1 }
        #expect(nonFinite.validResamples == (0..<50).count { !Bootstrap.resampleIndices(rowCount: n, resample: $0, seed: 9).contains(0) })
    }

    @Test("95 % intervals for a normal mean cover the true mean in about 95 % of 200 samples")
    func coverage() {
        var covered = 0
        for trial in 0..<200 {
            let data = Self.normalSample(count: 50, mean: 3, deviation: 2, seed: 1000 + UInt64(trial))
            let result = Bootstrap.percentile(rowCount: 50, resamples: 400, seed: UInt64(trial)) { rows in
                rows.reduce(0) { $0 + data[$1] } / 50
            }
            if result.interval!.contains(3) { covered += 1 }
        }
        // The percentile bootstrap of a mean at n = 50 covers about 93–94 %; with 200 trials the
        // binomial sd is about 1.7 points, so [88 %, 99 %] is a band of about ±3 sd.
        #expect(covered >= 176 && covered <= 198, "covered \(covered) of 200")
    }

    @Test("the paired difference resamples both statistics on the same rows")
    func pairedDifference() throws {
        // Two classifiers on the same 120 rows: B is right wherever A is, and on 12 more rows.
        var g = SplitMix64(seed: 77)
        let truth = (0..<120).map { _ in g.nextIndex(below: 3) }
        let first = truth.enumerated().map { $0.offset % 5 == 0 ? ($0.element + 1) % 3 : $0.element }
        let second = truth.enumerated().map { $0.offset % 10 == 0 ? ($0.element + 1) % 3 : $0.element }
        let a = try ClassificationEvaluation(classCount: 3, trueLabels: truth, predictedLabels: first)
        let b = try ClassificationEvaluation(classCount: 3, trueLabels: truth, predictedLabels: second)
        let result = Bootstrap.pairedDifference(rowCount: 120, resamples: 400, seed: 5,
                                                first: { a.selecting(rows: $0).accuracy?.value },
                                                second: { b.selecting(rows: $0).accuracy?.value })
        #expect(result.value == a.accuracy!.value - b.accuracy!.value)
        let differences = (0..<400).map { r in
            let rows = Bootstrap.resampleIndices(rowCount: 120, resample: r, seed: 5)
            return a.selecting(rows: rows).accuracy!.value - b.selecting(rows: rows).accuracy!.value
        }.sorted()
        #expect(result.interval?.lower == Quantile.linear(sorted: differences, q: 0.025))
        #expect(result.interval?.upper == Quantile.linear(sorted: differences, q: 0.975))
        // B is never worse on any resample, so the whole interval lies at or below zero.
        #expect(result.interval!.upper <= 0)
        let same = Bootstrap.pairedDifference(rowCount: 120, resamples: 100, seed: 5,
                                              first: { a.selecting(rows: $0).accuracy?.value },
                                              second: { a.selecting(rows: $0).accuracy?.value })
        #expect(same.interval == Interval(lower: 0, upper: 0, confidence: 0.95))
    }

    /// `count` normal draws by the Box–Muller transform from SplitMix64.
    static func normalSample(count: Int, mean: Double, deviation: Double, seed: UInt64) -> [Double] {
        var g = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let u = 1 - g.nextUnitInterval(), v = g.nextUnitInterval()
            return mean + deviation * (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
    }
}

private struct QuantileCase: Encodable {
    var kind = "quantile"
    var values: [Double]
    var q: [Double]
}

private struct QuantileAnswer: Decodable {
    var quantiles: [Double]
}
