#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LoupeCore
import Testing

@Suite("Comparison statistics: McNemar, Spearman, incomplete beta, run verdicts")
struct ComparisonStatisticsTests {
    typealias Oracle = ScipyStatsOracle

    @Test("McNemar on hand-counted tables")
    func mcnemarByHand() {
        let test = McNemarTest(correctA: [true, true, false, false, true, false, true],
                               correctB: [true, false, true, false, false, false, true])
        #expect(test.bothCorrect == 2 && test.onlyACorrect == 2 && test.onlyBCorrect == 1 && test.bothWrong == 2)
        #expect(test.support == 7 && test.discordant == 3 && test.statistic == 1 && test.pValue == 1)
        // 2 · P(X ≤ 0), X ~ Bin(10, ½) = 2 / 1024; 2 · P(X ≤ 2) = 2 · (1 + 10 + 45) / 1024.
        #expect(Oracle.close(McNemarTest.exactPValue(onlyACorrect: 0, onlyBCorrect: 10), 2.0 / 1024, 1e-14))
        #expect(Oracle.close(McNemarTest.exactPValue(onlyACorrect: 8, onlyBCorrect: 2), 112.0 / 1024, 1e-14))
        #expect(McNemarTest.exactPValue(onlyACorrect: 0, onlyBCorrect: 0) == 1)
        #expect(McNemarTest.exactPValue(onlyACorrect: 7, onlyBCorrect: 7) == 1)
        #expect(McNemarTest.exactPValue(onlyACorrect: 7, onlyBCorrect: 8) == 1)
        #expect(McNemarTest(correctA: [], correctB: []).pValue == 1)
        // 2⁻²⁰⁰⁰ · 2 is below the smallest subnormal.
        #expect(McNemarTest.exactPValue(onlyACorrect: 0, onlyBCorrect: 2000) == 0)
    }

    @Test("McNemar equals 2 · binom.cdf and binomtest on 400 seeded tables, up to b + c = 10⁶")
    func mcnemarMatchesSciPy() throws {
        var g = SplitMix64(seed: 2024)
        var tables: [(b: Int, c: Int)] = []
        for _ in 0..<200 {
            let n = g.nextIndex(below: 61)
            tables.append((g.nextIndex(below: n + 1), 0))
            tables[tables.count - 1].c = n - tables[tables.count - 1].b
        }
        for _ in 0..<150 {
            // Within about 4 standard deviations of the centre, where p is neither 0 nor 1.
            let n = 100 + g.nextIndex(below: 20_000)
            let spread = Int(2 * Double(n).squareRoot()) + 1
            let k = max(0, n / 2 - g.nextIndex(below: 2 * spread))
            tables.append(g.nextIndex(below: 2) == 0 ? (k, n - k) : (n - k, k))
        }
        for offset in [0, 1, 2, 10, 100, 300, 500, 700, 1000, 1500, 2000, 2500, 3000, 3500, 5000, 10_000, 100_000, 499_999, 500_000] {
            tables.append((500_000 - offset, 500_000 + offset))
            tables.append((500_000 + offset + 1, 500_000 - offset))
        }
        let answers = try Oracle.run(tables.map { Oracle.Case.mcnemar(b: $0.b, c: $0.c) })
        var worst = 0.0
        for (table, answer) in zip(tables, answers) {
            let p = McNemarTest.exactPValue(onlyACorrect: table.b, onlyBCorrect: table.c)
            let expected = try #require(answer.p)
            // Below the smallest normal double relative precision is lost on both sides.
            let tolerance = expected < 1e-300 ? 1e-6 : 1e-10
            #expect(Oracle.close(p, expected, tolerance), "b = \(table.b), c = \(table.c): \(p) vs \(expected)")
            let binomtest = try #require(answer.pBinomtest)
            #expect(Oracle.close(p, binomtest, tolerance), "binomtest, b = \(table.b), c = \(table.c)")
            if expected > 1e-300 { worst = max(worst, abs(p - expected) / expected) }
        }
        #expect(tables.count == 388)
        #expect(worst < 1e-10, "largest relative difference \(worst)")
    }

    @Test("the regularized incomplete beta equals scipy.special.betainc on 300 seeded points")
    func incompleteBetaMatchesSciPy() throws {
        var g = SplitMix64(seed: 7)
        var points: [(x: Double, a: Double, b: Double)] = []
        for index in 0..<300 {
            let a = exp(log(0.5) + g.nextUnitInterval() * log(2e5))
            let b = index % 3 == 0 ? 0.5 : exp(log(0.5) + g.nextUnitInterval() * log(2e5))
            // A third near the mean a / (a + b), where the continued fraction is slowest.
            let centre = a / (a + b)
            let width = 3 * (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
            let x = index % 3 == 1 ? min(1, max(0, centre + width * (2 * g.nextUnitInterval() - 1))) : g.nextUnitInterval()
            points.append((x, a, b))
        }
        points += [(0, 2, 3), (1, 2, 3), (0.5, 1, 1), (0.3, 0.5, 0.5)]
        let answers = try Oracle.run(points.map { Oracle.Case.betainc(x: $0.x, a: $0.a, b: $0.b) })
        var worst = 0.0
        for (point, answer) in zip(points, answers) {
            let value = IncompleteBeta.regularized(x: point.x, a: point.a, b: point.b)
            let expected = try #require(answer.value)
            if expected < 1e-300 {
                #expect(value < 1e-290, "x = \(point.x), a = \(point.a), b = \(point.b)")
                continue
            }
            worst = max(worst, abs(value - expected) / expected)
            #expect(Oracle.close(value, expected, 1e-11), "x = \(point.x), a = \(point.a), b = \(point.b): \(value) vs \(expected)")
        }
        #expect(worst < 1e-11, "largest relative difference \(worst)")
    }

    @Test("Spearman's rho, p-value and ranks equal scipy.stats.spearmanr on 320 seeded samples")
    func spearmanMatchesSciPy() throws {
        var g = SplitMix64(seed: 11)
        var samples: [(x: [Double], y: [Double])] = []
        for index in 0..<320 {
            let n = index < 300 ? 1 + g.nextIndex(below: 60) : [500, 2000, 5000][index % 3]
            let x = Self.column(count: n, style: index % 5, generator: &g)
            let noise = Self.column(count: n, style: (index / 5) % 5, generator: &g)
            // Half the samples correlated: y = x + noise (ties survive when both are integral).
            let y = index % 2 == 0 ? zip(x, noise).map { $0 + 0.5 * $1 } : noise
            samples.append((x, y))
        }
        samples += [([1, 2], [3, 4]), ([1, 2, 3], [3, 5, 4]), ([1, 1, 3], [3, 5, 4]), ([1, 2, 3, 4], [4, 3, 2, 1]), ([5], [1]), ([], [])]
        let answers = try Oracle.run(samples.map { Oracle.Case.spearman($0.x, $0.y) })
        var worstRho = 0.0, worstP = 0.0, defined = 0, withP = 0
        for (sample, answer) in zip(samples, answers) {
            let result = RankCorrelation.spearman(sample.x, sample.y)
            let label = "x = \(sample.x), y = \(sample.y)"
            #expect(RankCorrelation.averageRanks(sample.x) == answer.ranks, "ranks of \(sample.x)")
            guard let expectedRho = answer.rho else {
                #expect(result == nil, "\(label): SciPy has no correlation")
                continue
            }
            let r = try #require(result, "\(label): SciPy gives \(expectedRho)")
            defined += 1
            #expect(Oracle.close(r.rho, expectedRho, 1e-12) && r.support == sample.x.count, "\(label): rho \(r.rho) vs \(expectedRho)")
            worstRho = max(worstRho, abs(r.rho - expectedRho) / abs(expectedRho))
            if abs(r.rho) == 1 {
                // NumPy's corrcoef may round a perfect correlation to 1 − 1e-16, and SciPy's p then
                // reflects that rounding (9.5e-9 at n = 3); here ρ is exactly ±1 and p exactly 0.
                #expect(r.pValue == nil || r.pValue == 0)
                #expect((answer.p ?? 0) < 1e-7, "\(label)")
                continue
            }
            #expect(Oracle.close(r.pValue, answer.p, 1e-10), "\(label): p \(String(describing: r.pValue)) vs \(String(describing: answer.p))")
            if let p = r.pValue, let expected = answer.p, expected > 0 {
                withP += 1
                worstP = max(worstP, abs(p - expected) / expected)
            }
        }
        #expect(defined > 200 && withP > 180, "\(defined) defined, \(withP) p-values compared")
        #expect(worstRho < 1e-12 && worstP < 1e-10, "largest relative differences: rho \(worstRho), p \(worstP)")
    }

    @Test("Spearman edge cases: n < 2, constant sides, NaN, perfect orders, the t-test p-value")
    func spearmanEdges() throws {
        #expect(RankCorrelation.spearman([], []) == nil && RankCorrelation.spearman([1], [2]) == nil)
        #expect(RankCorrelation.spearman([1, 1, 1], [1, 2, 3]) == nil && RankCorrelation.spearman([1, 2, 3], [4, 4, 4]) == nil)
        #expect(RankCorrelation.spearman([1, .nan, 3], [1, 2, 3]) == nil)
        #expect(RankCorrelation.spearman([1, 2], [3, 1]) == RankCorrelation.Spearman(rho: -1, pValue: nil, support: 2))
        #expect(RankCorrelation.spearman([-.infinity, 0, .infinity, 7], [1, 2, 3, 4])?.rho == 0.8)
        #expect(RankCorrelation.averageRanks([3, 1, 3, 2, 3]) == [4, 1, 4, 2, 4])
        #expect(RankCorrelation.twoSidedPValue(rho: 0, sampleSize: 10) == 1)
        #expect(RankCorrelation.twoSidedPValue(rho: 1, sampleSize: 10) == 0 && RankCorrelation.twoSidedPValue(rho: -1, sampleSize: 3) == 0)
        #expect(RankCorrelation.twoSidedPValue(rho: 0.5, sampleSize: 2) == nil)
        // n = 3 is a Cauchy t: p = 1 − (2/π) atan(t), t = 0.5 / √0.75 = tan(π/6), so p = 2/3.
        #expect(Oracle.close(try #require(RankCorrelation.twoSidedPValue(rho: 0.5, sampleSize: 3)), 2.0 / 3, 1e-14))
    }

    @Test("the t p-value equals 2 · stdtr(n − 2, −|t|) on a grid up to n = 10⁶, across the method switch")
    func tPValueMatchesSciPy() throws {
        // ρ² n around 3 is where the continued fraction hands over to its mirror image and, for
        // n ≥ 32, to BGRAT; p there is about 0.08.
        var grid: [(rho: Double, n: Int)] = []
        for n in [3, 4, 5, 10, 31, 32, 33, 100, 1000, 10_000, 100_000, 1_000_000] {
            for c in [0.01, 1, 2.5, 2.9, 3, 3.05, 3.1, 3.5, 4, 6, 12, 30, 100, 400] where c < Double(n) {
                grid.append(((c / Double(n)).squareRoot(), n))
                grid.append((-(c / Double(n)).squareRoot(), n))
            }
            grid += [(0.9, n), (-0.999, n), (0.3, n)]
        }
        let answers = try Oracle.run(grid.map { Oracle.Case.tPValue(rho: $0.rho, n: $0.n) })
        var worst = 0.0
        for (point, answer) in zip(grid, answers) {
            let p = try #require(RankCorrelation.twoSidedPValue(rho: point.rho, sampleSize: point.n))
            let expected = try #require(answer.p)
            if expected < 1e-300 {
                #expect(p < 1e-290, "rho = \(point.rho), n = \(point.n)")
                continue
            }
            worst = max(worst, abs(p - expected) / expected)
            #expect(Oracle.close(p, expected, 1e-10), "rho = \(point.rho), n = \(point.n): \(p) vs \(expected)")
        }
        #expect(worst < 1e-12, "largest relative difference \(worst) over \(grid.count) points")
    }

    @Test("the Spearman bootstrap interval equals numpy.quantile of spearmanr over the same resamples")
    func spearmanBootstrapMatchesSciPy() throws {
        var g = SplitMix64(seed: 5)
        var cases: [Oracle.Case] = []
        var results: [Bootstrap.Result] = []
        for (index, n) in [4, 12, 40, 150].enumerated() {
            let x = Self.column(count: n, style: index % 2 == 0 ? 1 : 0, generator: &g)
            let y = zip(x, Self.column(count: n, style: 2, generator: &g)).map { $0 + $1 }
            let seed = UInt64(100 + index)
            let result = RankCorrelation.spearmanBootstrap(x, y, resamples: 200, confidence: 0.9, seed: seed)
            let resamples = (0..<200).map { Bootstrap.resampleIndices(rowCount: n, resample: $0, seed: seed) }
            cases.append(.spearmanBootstrap(x, y, resamples: resamples, q: [0.05, 0.95]))
            results.append(result)
            #expect(result.value == RankCorrelation.spearman(x, y)?.rho)
            #expect(result == RankCorrelation.spearmanBootstrap(x, y, resamples: 200, confidence: 0.9, seed: seed, parallel: false))
        }
        let answers = try Oracle.run(cases)
        for (result, answer) in zip(results, answers) {
            let interval = try #require(result.interval)
            #expect(result.validResamples == answer.valid)
            let lower = try #require(answer.lower), upper = try #require(answer.upper)
            #expect(Oracle.close(interval.lower, lower, 1e-12) && Oracle.close(interval.upper, upper, 1e-12))
        }
        // At n = 4 many resamples repeat one row and are constant: skipped, as SciPy's NaN is dropped.
        #expect(results[0].validResamples < 200)
    }

    @Test("run verdicts: the interval's side of 0 and the metric's direction")
    func verdictRules() {
        let above = Interval(lower: 0.01, upper: 0.2, confidence: 0.95)
        let below = Interval(lower: -0.3, upper: -0.001, confidence: 0.95)
        let touching = Interval(lower: 0, upper: 0.2, confidence: 0.95)
        #expect(PairedComparison.verdict(interval: above, higherIsBetter: true) == .better)
        #expect(PairedComparison.verdict(interval: above, higherIsBetter: false) == .worse)
        #expect(PairedComparison.verdict(interval: below, higherIsBetter: true) == .worse)
        #expect(PairedComparison.verdict(interval: below, higherIsBetter: false) == .better)
        #expect(PairedComparison.verdict(interval: touching, higherIsBetter: true) == .notSignificant)
        #expect(PairedComparison.verdict(interval: nil, higherIsBetter: true) == .notSignificant)
        let undefined = PairedComparison(valueA: nil, valueB: 0.5, interval: above, support: 10, resamples: 100,
                                      validResamples: 90, higherIsBetter: true)
        #expect(undefined.verdict == nil && undefined.difference == nil)
    }

    @Test("comparing two classifiers on the same 200 rows: accuracy and error rate, both directions")
    func compareRuns() {
        // A is right on 3 rows in 4; B on those and on 30 of A's 50 misses.
        let correctA = (0..<200).map { $0 % 4 != 0 }
        let correctB = (0..<200).map { $0 % 4 != 0 || $0 % 20 < 12 }
        let accuracy: @Sendable ([Bool]) -> @Sendable ([Int]) -> Double? = { correct in
            { rows in rows.isEmpty ? nil : Double(rows.count { correct[$0] }) / Double(rows.count) }
        }
        let errorRate: @Sendable ([Bool]) -> @Sendable ([Int]) -> Double? = { correct in
            { rows in accuracy(correct)(rows).map { 1 - $0 } }
        }
        let better = PairedComparison.compare(rowCount: 200, resamples: 500, seed: 1, higherIsBetter: true,
                                           a: accuracy(correctA), b: accuracy(correctB))
        #expect(better.valueA == 0.75 && better.valueB == 0.9 && better.support == 200)
        #expect(Oracle.close(better.difference!, 0.15, 1e-15) && better.verdict == .better && better.interval!.lower > 0)
        let paired = Bootstrap.pairedDifference(rowCount: 200, resamples: 500, seed: 1,
                                                first: accuracy(correctB), second: accuracy(correctA))
        #expect(better.interval == paired.interval && better.validResamples == 500)
        let loss = PairedComparison.compare(rowCount: 200, resamples: 500, seed: 1, higherIsBetter: false,
                                         a: errorRate(correctA), b: errorRate(correctB))
        #expect(loss.verdict == .better && loss.interval!.upper < 0)
        let reversed = PairedComparison.compare(rowCount: 200, resamples: 500, seed: 1, higherIsBetter: true,
                                             a: accuracy(correctB), b: accuracy(correctA))
        #expect(reversed.verdict == .worse)
        // One extra right row in 200 is within the noise; identical runs differ by exactly 0.
        let oneMore = (0..<200).map { correctA[$0] || $0 == 0 }
        #expect(PairedComparison.compare(rowCount: 200, resamples: 500, seed: 1, higherIsBetter: true,
                                      a: accuracy(correctA), b: accuracy(oneMore)).verdict == .notSignificant)
        let same = PairedComparison.compare(rowCount: 200, resamples: 300, seed: 2, higherIsBetter: true,
                                         a: accuracy(correctA), b: accuracy(correctA))
        #expect(same.interval == Interval(lower: 0, upper: 0, confidence: 0.95) && same.verdict == .notSignificant)
        let empty = PairedComparison.compare(rowCount: 0, resamples: 50, seed: 3, higherIsBetter: true,
                                          a: accuracy(correctA), b: accuracy(correctB))
        #expect(empty.verdict == nil && empty.interval == nil && empty.validResamples == 0)
        // McNemar agrees: 30 discordant rows, all B's.
        let mcnemar = McNemarTest(correctA: correctA, correctB: correctB)
        #expect(mcnemar.onlyBCorrect == 30 && mcnemar.onlyACorrect == 0 && Oracle.close(mcnemar.pValue, 2 * pow(0.5, 30), 1e-13))
    }

    /// A column of `count` values: 0 continuous normal, 1 integers 0..<3 (ties), 2 normal,
    /// 3 constant, 4 integers 0..<10.
    static func column(count: Int, style: Int, generator g: inout SplitMix64) -> [Double] {
        (0..<count).map { _ in
            switch style {
            case 1: Double(g.nextIndex(below: 3))
            case 3: 4
            case 4: Double(g.nextIndex(below: 10))
            default:
                (-2 * log(1 - g.nextUnitInterval())).squareRoot() * cos(2 * Double.pi * g.nextUnitInterval())
            }
        }
    }
}
