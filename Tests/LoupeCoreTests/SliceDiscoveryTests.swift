import Foundation
import LoupeCore
import Testing

@Suite("Slice discovery: candidates, tests, Benjamini–Hochberg, planted slices")
struct SliceDiscoveryTests {
    /// Seeded rows with metadata `weather` (4 values), `camera` (3), `hour` (uniform 0–24) and a
    /// cluster index (5); correct with probability `base`, or `planted` for weather = fog ∧ camera = b.
    static func dataset(seed: UInt64, rows: Int = 4000, base: Double = 0.9, planted: Double? = 0.5)
        -> (fields: [MetricImportance.Field], clusters: [Int?], correct: [Bool?]) {
        var g = SplitMix64(seed: seed)
        let weathers = ["sunny", "rain", "fog", "snow"], cameras = ["a", "b", "c"]
        var weather: [String?] = [], camera: [String?] = [], hour: [Double?] = [], clusters: [Int?] = [], correct: [Bool?] = []
        for _ in 0..<rows {
            let w = weathers[g.nextIndex(below: 4)], c = cameras[g.nextIndex(below: 3)]
            weather.append(w)
            camera.append(c)
            hour.append(24 * g.nextUnitInterval())
            clusters.append(g.nextIndex(below: 5))
            let p = (w == "fog" && c == "b") ? (planted ?? base) : base
            correct.append(g.nextUnitInterval() < p)
        }
        return ([.init(name: "weather", values: .categorical(weather)), .init(name: "camera", values: .categorical(camera)),
                 .init(name: "hour", values: .numeric(hour))], clusters, correct)
    }

    static func candidates(_ data: (fields: [MetricImportance.Field], clusters: [Int?], correct: [Bool?])) -> [SliceCandidate] {
        SliceCandidate.metadata(data.fields, quantileBins: 4, minimumSize: 30) + SliceCandidate.clusters(data.clusters)
    }

    @Test("a planted bad slice is found first, with its effect inside the interval")
    func plantedSlice() throws {
        let data = Self.dataset(seed: 11)
        let result = try SliceDiscovery.discover(outcome: .correct(data.correct), candidates: Self.candidates(data))
        let first = try #require(result.significant.first)
        #expect(first.candidate.name == "weather = fog ∧ camera = b")
        #expect(first.candidate.origin == .conjunction(.equals(field: "weather", value: "fog"), .equals(field: "camera", value: "b")))
        #expect(first.comparison.test == .twoProportionZ)
        #expect(first.comparison.effect < -0.3 && first.comparison.interval.contains(first.comparison.effect))
        #expect(first.comparison.interval.upper < 0 && first.qValue < 1e-6)
        // Every significant slice is worse, and they are ordered by effect.
        #expect(result.significant.allSatisfy { $0.comparison.effect < 0 && $0.qValue <= 0.05 })
        #expect(zip(result.significant, result.significant.dropFirst()).allSatisfy { $0.comparison.effect <= $1.comparison.effect })
        // 4 weathers + 3 cameras + 4 hour bins + 5 clusters + the pairs of different fields.
        #expect(result.tested.count + result.skipped.count == 4 + 3 + 4 + 5 + (4 * 3 + 4 * 4 + 3 * 4))
    }

    @Test("null datasets find nothing at q = 0.05", arguments: [UInt64(21), 22, 23])
    func nullDataset(seed: UInt64) throws {
        let data = Self.dataset(seed: seed, planted: nil)
        let result = try SliceDiscovery.discover(outcome: .correct(data.correct), candidates: Self.candidates(data))
        #expect(result.tested.count > 40)
        #expect(result.significant.isEmpty, "\(result.significant.map(\.candidate.name))")
    }

    @Test("continuous metrics use Welch's t; lower-is-better metrics report slices above the rest")
    func continuousOutcome() throws {
        var g = SplitMix64(seed: 5)
        let clusters: [Int?] = (0..<1500).map { _ in g.nextIndex(below: 3) }
        let loss: [Double?] = clusters.map { c in 1 + 0.3 * DataIssuesFixtures.gaussian(&g) + (c == 2 ? 0.25 : 0) }
        let candidates = SliceCandidate.clusters(clusters)
        let asLoss = try SliceDiscovery.discover(outcome: .metric(loss), candidates: candidates,
                                                 parameters: .init(higherIsBetter: false))
        #expect(asLoss.significant.map(\.candidate.name).first == "cluster 2")
        #expect(asLoss.significant.allSatisfy { $0.comparison.test == .welchT && $0.comparison.effect > 0 })
        let asScore = try SliceDiscovery.discover(outcome: .metric(loss), candidates: candidates)
        #expect(!asScore.significant.contains { $0.candidate.name == "cluster 2" })
    }

    @Test("the z, Welch and BH statistics equal SciPy's")
    func statisticsMatchScipy() throws {
        var g = SplitMix64(seed: 9)
        var p = (0..<60).map { _ in g.nextUnitInterval() * (g.nextUnitInterval() < 0.3 ? 0.01 : 1) }
        p += [0, 1, p[3], p[3], 0.5]
        let a = (0..<40).map { _ in DataIssuesFixtures.gaussian(&g) + 0.4 }
        let b = (0..<90).map { _ in 2 * DataIssuesFixtures.gaussian(&g) }
        let answers = try DataIssuesOracle.run([["kind": "bh", "p": p], ["kind": "welch", "a": a, "b": b],
                                                ["kind": "ztest", "x1": 31, "n1": 50, "x2": 870, "n2": 1000]])
        let bh = BenjaminiHochberg.adjusted(p)
        let wanted = answers[0]["values"] as! [Double]
        #expect(zip(bh, wanted).allSatisfy { DataIssuesOracle.close($0, $1, 1e-14) })

        let welch = SliceComparison.welch(a, b)
        #expect(DataIssuesOracle.close(welch.statistic, answers[1]["statistic"] as! Double, 1e-12))
        #expect(DataIssuesOracle.close(welch.pValue, answers[1]["p"] as! Double, 1e-10))
        #expect(DataIssuesOracle.close(welch.interval.lower, answers[1]["lower"] as! Double, 1e-10))
        #expect(DataIssuesOracle.close(welch.interval.upper, answers[1]["upper"] as! Double, 1e-10))

        let z = SliceComparison.twoProportion(successes: 31, size: 50, complementSuccesses: 870, complementSize: 1000)
        #expect(DataIssuesOracle.close(z.statistic, answers[2]["statistic"] as! Double, 1e-12))
        #expect(DataIssuesOracle.close(z.pValue, answers[2]["p"] as! Double, 1e-10))
        #expect(abs(z.effect - (0.62 - 0.87)) < 1e-15)
    }

    @Test("BH by hand, ties and edge cases")
    func benjaminiHochbergByHand() {
        // m = 4: sorted 0.01, 0.03, 0.04, 0.2 → 0.04, 0.06, 0.0533…, 0.2, then the running minimum.
        let q = BenjaminiHochberg.adjusted([0.01, 0.04, 0.03, 0.2])
        #expect(zip(q, [0.04, 0.16 / 3, 0.16 / 3, 0.2]).allSatisfy { abs($0 - $1) < 1e-15 })
        #expect(BenjaminiHochberg.adjusted([]) == [])
        #expect(BenjaminiHochberg.adjusted([0.5, 0.5]) == [0.5, 0.5])
    }

    @Test("metadata candidates: categorical values, quantile bins, conjunctions, minimum size")
    func metadataCandidates() {
        let fields: [MetricImportance.Field] = [
            .init(name: "x", values: .numeric([1, 2, 3, 4, 5, 6, 7, 8, nil, .nan])),
            .init(name: "kind", values: .categorical(["b", "a", "b", "a", "b", "a", "b", "a", nil, "b"])),
        ]
        let singles = SliceCandidate.metadata(fields, quantileBins: 4, minimumSize: 1, pairs: false)
        // numpy.quantile of 1…8 at 0, ¼, ½, ¾, 1: 1, 2.75, 4.5, 6.25, 8.
        #expect(singles.map(\.name) == ["x in [1.0, 2.75)", "x in [2.75, 4.5)", "x in [4.5, 6.25)", "x in [6.25, 8.0]",
                                        "kind = a", "kind = b"])
        #expect(singles.map(\.rows) == [[0, 1], [2, 3], [4, 5], [6, 7], [1, 3, 5, 7], [0, 2, 4, 6, 9]])
        let all = SliceCandidate.metadata(fields, quantileBins: 4, minimumSize: 1)
        #expect(all.count == 6 + 8)
        #expect(all.first { $0.name == "x in [1.0, 2.75) ∧ kind = b" }?.rows == [0])
        let sized = SliceCandidate.metadata(fields, quantileBins: 4, minimumSize: 2)
        #expect(sized.count == 6)
        let constant = SliceCandidate.metadata([.init(name: "c", values: .numeric([3, 3, 3]))], pairs: false)
        #expect(constant.map(\.name) == ["c in [3.0, 3.0]"] && constant[0].rows == [0, 1, 2])
        // Cut points equal to four decimals print alike; the later bin is renamed.
        let close = SliceCandidate.metadata([.init(name: "c", values: .numeric([1.00001, 1.00002, 1.00003, 1.00004]))],
                                            quantileBins: 3, pairs: false)
        #expect(close.map(\.name) == ["c in [1.0, 1.0)", "c in [1.0, 1.0) #2", "c in [1.0, 1.0]"])
    }

    @Test("skips small and duplicate candidates; refuses bad input")
    func skipsAndErrors() throws {
        let outcome = SliceDiscovery.Outcome.correct((0..<100).map { $0 % 3 != 0 ? true : ($0 == 99 ? nil : false) })
        let candidates = [SliceCandidate(name: "small", rows: Array(0..<10)), SliceCandidate(name: "half", rows: Array(0..<50)),
                          SliceCandidate(name: "same half", rows: Array(0..<50)), SliceCandidate(name: "almost all", rows: Array(0..<80))]
        let result = try SliceDiscovery.discover(outcome: outcome, candidates: candidates)
        #expect(result.tested.map(\.candidate.name) == ["half"])
        #expect(result.skipped == ["small", "same half", "almost all"])
        #expect(throws: DataIssueInputError.self) {
            try SliceDiscovery.discover(outcome: outcome, candidates: [SliceCandidate(name: "out", rows: [100])])
        }
        #expect(throws: DataIssueInputError.self) {
            try SliceDiscovery.discover(outcome: outcome, candidates: [SliceCandidate(name: "a", rows: [1]), SliceCandidate(name: "a", rows: [2])])
        }
        #expect(throws: DataIssueInputError.self) {
            try SliceDiscovery.discover(outcome: outcome, candidates: [], parameters: .init(level: 0))
        }
    }
}
