import LoupeCore
import Testing

@Suite("Per-cluster metrics against the whole set")
struct ClusterMetricReportTests {
    @Test("A cluster that is always wrong is flagged and listed first; the values are the exact means")
    func worstClusterFlagged() throws {
        // Cluster 7: 100 rows, all wrong. Cluster 2: 900 rows, all right. Whole set: 0.9.
        let assignments = [Int](repeating: 2, count: 900) + [Int](repeating: 7, count: 100)
        let outcomes = [Double](repeating: 1, count: 900) + [Double](repeating: 0, count: 100)
        let report = ClusterMetricReport(assignments: assignments, outcomes: outcomes, resamples: 400, seed: 3)
        let overall = try #require(report.overall)
        #expect(overall.value == 0.9 && overall.support == 1000)
        #expect(report.entries.map(\.cluster) == [7, 2])
        let worst = report.entries[0]
        #expect(worst.estimate.value == 0 && worst.estimate.support == 100)
        #expect(abs(worst.difference.value - -0.9) < 1e-12)
        #expect(worst.isSignificantlyWorse)
        // Cluster 7 is all zeros in every resample, so its interval is [0, 0].
        #expect(worst.estimate.interval?.lower == 0 && worst.estimate.interval?.upper == 0)
        let best = report.entries[1]
        #expect(best.estimate.value == 1 && abs(best.difference.value - 0.1) < 1e-12)
        #expect(!best.isSignificantlyWorse)
        #expect(best.difference.interval.map { $0.lower > 0 } == true)
    }

    @Test("Clusters at the whole-set rate are not flagged")
    func equalRates() {
        // Three clusters, each alternating right and wrong: every cluster's accuracy is 0.5.
        let assignments = (0..<600).map { $0 % 3 }
        let outcomes = (0..<600).map { Double(($0 / 3) % 2) }
        let report = ClusterMetricReport(assignments: assignments, outcomes: outcomes, resamples: 300, seed: 1)
        #expect(report.overall?.value == 0.5)
        #expect(report.entries.count == 3)
        for entry in report.entries {
            #expect(entry.estimate.value == 0.5)
            #expect(entry.difference.value == 0)
            #expect(entry.difference.interval?.contains(0) == true)
            #expect(!entry.isSignificantlyWorse)
        }
        #expect(report.entries.map(\.cluster) == [0, 1, 2])
    }

    @Test("The intervals are those of the shared bootstrap: a cluster's equals Bootstrap.percentile of its mean")
    func sameResamplesAsBootstrap() {
        let assignments = (0..<300).map { $0 % 4 == 0 ? 1 : 0 }
        let outcomes = (0..<300).map { Double(($0 * 7919) % 10) / 10 }
        let report = ClusterMetricReport(assignments: assignments, outcomes: outcomes, resamples: 200, seed: 11)
        let expected = Bootstrap.percentile(rowCount: 300, resamples: 200, seed: 11) { rows in
            let members = rows.filter { assignments[$0] == 1 }
            return members.isEmpty ? nil : members.reduce(0) { $0 + outcomes[$1] } / Double(members.count)
        }
        let cluster = report.entries.first { $0.cluster == 1 }!
        #expect(abs(cluster.estimate.value - expected.value!) < 1e-12)
        #expect(abs(cluster.estimate.interval!.lower - expected.interval!.lower) < 1e-12)
        #expect(abs(cluster.estimate.interval!.upper - expected.interval!.upper) < 1e-12)
    }

    @Test("A loss (lower is better): the cluster with the highest loss is flagged and first")
    func lowerIsBetter() {
        let assignments = [Int](repeating: 0, count: 200) + [Int](repeating: 1, count: 200) + [Int](repeating: 2, count: 50)
        let ordinary: [Double] = (0..<400).map { Double($0 % 5) / 10 }
        let bad: [Double] = (0..<50).map { 2 + Double($0 % 5) / 10 }
        let outcomes = ordinary + bad
        let report = ClusterMetricReport(assignments: assignments, outcomes: outcomes, higherIsBetter: false, resamples: 300, seed: 2)
        let order: [Int] = report.entries.map { $0.cluster }
        #expect(order == [2, 0, 1])
        #expect(report.entries[0].isSignificantlyWorse)
        #expect(abs(report.entries[0].estimate.value - 2.2) < 1e-12)
        #expect(!report.entries[1].isSignificantlyWorse && !report.entries[2].isSignificantlyWorse)
        // Whole set: (400 · 0.2 + 50 · 2.2) / 450.
        let whole: Double = (400 * 0.2 + 50 * 2.2) / 450
        #expect(abs(report.overall!.value - whole) < 1e-12)
    }

    @Test("No rows: no whole-set value and no clusters")
    func empty() {
        let report = ClusterMetricReport(assignments: [], outcomes: [])
        #expect(report.overall == nil && report.entries.isEmpty)
    }
}
