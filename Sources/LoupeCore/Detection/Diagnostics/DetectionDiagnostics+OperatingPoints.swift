extension DetectionDiagnostics {
    /// A kept prediction reduced to what the operating-point sweep needs.
    struct RankedPrediction {
        var classIndex: Int
        var score: Double
        var outcome: PredictionOutcome
    }

    /// Fills `bestF1` of every class: sorts the kept predictions by class, then score
    /// descending, and sweeps each class's cumulative TP and FP. A candidate threshold is a
    /// distinct score, evaluated after its whole group of tied scores; a later (lower) candidate
    /// replaces the best only with a strictly higher F1, so ties go to the higher threshold.
    /// - Complexity: O(N log N) for `N` kept predictions.
    static func bestF1(ranked: inout [RankedPrediction], summaries: inout [DetectionClassSummary]) {
        ranked.sort { a, b in a.classIndex != b.classIndex ? a.classIndex < b.classIndex : a.score > b.score }
        var start = 0
        var seen = [Bool](repeating: false, count: summaries.count)
        while start < ranked.count {
            let c = ranked[start].classIndex
            seen[c] = true
            let total = summaries[c].groundTruths
            var best: DetectionOperatingPoint?
            var tp = 0, fp = 0
            var i = start
            while i < ranked.count, ranked[i].classIndex == c {
                let score = ranked[i].score
                while i < ranked.count, ranked[i].classIndex == c, ranked[i].score == score {
                    if ranked[i].outcome.isTruePositive { tp += 1 } else if ranked[i].outcome.isFalsePositive { fp += 1 }
                    i += 1
                }
                let point = DetectionOperatingPoint(scoreThreshold: score, truePositives: tp, falsePositives: fp,
                                                    groundTruths: total)
                if point.f1 > best?.f1 ?? -1 { best = point }
            }
            summaries[c].bestF1 = best
            start = i
        }
        for c in summaries.indices where !seen[c] && summaries[c].groundTruths > 0 {
            summaries[c].bestF1 = DetectionOperatingPoint(scoreThreshold: nil, truePositives: 0, falsePositives: 0,
                                                          groundTruths: summaries[c].groundTruths)
        }
    }
}
