extension ConfidentLearning {
    /// Per-row label-quality scores in `[0, 1]` (lower: the label is more likely wrong), as
    /// `cleanlab.rank.get_label_quality_scores(labels, pred_probs, method=…)` with
    /// `adjust_pred_probs=False`; see `QualityMethod` for the definitions.
    /// - Precondition: one label in `0..<K` per row.
    /// - Complexity: O(n · K).
    public static func qualityScores(labels: [Int], probabilities p: ProbabilityMatrix,
                                     method: QualityMethod = .selfConfidence) -> [Double] {
        precondition(labels.count == p.rows, "qualityScores: \(labels.count) labels for \(p.rows) rows")
        return labels.enumerated().map { i, label in
            let own = p[i, label]
            switch method {
            case .selfConfidence:
                return own
            case .normalizedMargin:
                var other = -Double.infinity
                for c in 0..<p.classes where c != label { other = max(other, p[i, c]) }
                return (own - other + 1) / 2
            }
        }
    }

    /// The flagged rows, worst first: ascending quality score of `method`, ties by row index
    /// (cleanlab's `return_indices_ranked_by`, whose unstable sort orders ties arbitrarily).
    /// - Complexity: O(n · K + m log m) for `m` flagged rows.
    public func rankedIssues(probabilities: ProbabilityMatrix, method: QualityMethod = .selfConfidence) -> [Int] {
        let scores = Self.qualityScores(labels: labels, probabilities: probabilities, method: method)
        return isLabelIssue.indices.filter { isLabelIssue[$0] }
            .sorted { scores[$0] != scores[$1] ? scores[$0] < scores[$1] : $0 < $1 }
    }

    /// The label-error report: score and raw value the label-quality score of `method`, the flag
    /// this analysis's mask, the reason naming the given and the most likely class.
    /// - Precondition: `probabilities` are those the analysis ran on.
    /// - Complexity: O(n · K).
    public func report(probabilities p: ProbabilityMatrix, method: QualityMethod = .selfConfidence) -> DataIssueReport {
        precondition(p.rows == labels.count && p.classes == classes, "ConfidentLearning.report: other probabilities")
        let scores = Self.qualityScores(labels: labels, probabilities: p, method: method).map { min(1, max(0, $0)) }
        let top = p.topClasses()
        let reasons: [String?] = labels.indices.map { i in
            guard isLabelIssue[i] else { return nil }
            let label = labels[i], likely = top[i]
            return "labelled class \(label) (p = \(NeighborhoodIssues.format(p[i, label]))), "
                + "model prefers class \(likely) (p = \(NeighborhoodIssues.format(p[i, likely])))"
        }
        return DataIssueReport(kind: .labelError, scores: scores, rawValues: scores, flags: isLabelIssue,
                               reasons: reasons, threshold: nil)
    }
}
