/// Likely missing and likely spurious ground-truth labels in object detection, from a model's
/// predictions: per-object findings rolled up into two `DataIssueReport`s.
///
/// - Missing label: a prediction with score at least `missingScoreThreshold` whose IoU with every
///   ground truth of the row, **of any class**, is below `missingIntersectionOverUnion`. The default
///   IoU is a conservative 0.1, not COCO's 0.5: a confident box that overlaps a ground truth poorly is
///   a localization error or a loose annotation, not a missing object; only a box over empty
///   (unannotated) image counts. A prediction inside a crowd region (IoU with COCO's crowd
///   semantics, intersection over the prediction's area) is covered, not missing.
/// - Spurious label: a non-crowd ground truth whose IoU with every prediction of the row, of any class
///   and **any score**, is below `spuriousIntersectionOverUnion` (default 0.1): nothing the model
///   proposed, even at low confidence, comes near it. Pass predictions before any score cut-off.
///
/// Per-row score: `1 − max strength` of the row's findings of that kind (1 when it has none), flag
/// when it has one; the raw value is the number of findings. Reasons name the objects.
///
/// Reference: the "missing annotation" and "spurious annotation" checks of cleanlab's object
/// detection module and FiftyOne's mistakenness, simplified to IoU rules (no learned scores).
public struct DetectionLabelIssues: Hashable, Sendable, Codable {
    /// Thresholds, with the documented defaults.
    public struct Parameters: Hashable, Sendable, Codable {
        /// Smallest prediction score considered for a missing label (default 0.7).
        public var missingScoreThreshold: Double
        /// A prediction with IoU at or above this with some ground truth is not missing (default 0.1).
        public var missingIntersectionOverUnion: Double
        /// A ground truth with IoU at or above this with some prediction is not spurious (default 0.1).
        public var spuriousIntersectionOverUnion: Double

        /// Parameters with the documented defaults.
        public init(missingScoreThreshold: Double = 0.7, missingIntersectionOverUnion: Double = 0.1,
                    spuriousIntersectionOverUnion: Double = 0.1) {
            self.missingScoreThreshold = missingScoreThreshold
            self.missingIntersectionOverUnion = missingIntersectionOverUnion
            self.spuriousIntersectionOverUnion = spuriousIntersectionOverUnion
        }
    }

    /// The parameters used.
    public var parameters: Parameters
    /// Every finding, by row, then missing before spurious, then object index.
    public var findings: [DetectionLabelFinding]
    /// The per-row report of likely missing labels.
    public var missingLabels: DataIssueReport
    /// The per-row report of likely spurious labels.
    public var spuriousLabels: DataIssueReport

    /// Finds the issues of `rows` (one `DetectionRow` per image, IoUs with crowd semantics).
    /// - Complexity: O(Σ predictions · ground truths).
    public init(rows: [DetectionRow], parameters: Parameters = Parameters()) {
        var findings: [DetectionLabelFinding] = []
        for (r, row) in rows.enumerated() {
            let m = row.predictionCount, n = row.groundTruthCount
            for p in 0..<m where row.predictionScores[p] >= parameters.missingScoreThreshold {
                var best = 0.0
                for g in 0..<n { best = max(best, row.intersectionOverUnion[p * n + g]) }
                if best < parameters.missingIntersectionOverUnion {
                    findings.append(DetectionLabelFinding(kind: .missingLabel, row: r, object: p,
                                                          classIndex: row.predictionClasses[p],
                                                          bestIntersectionOverUnion: best,
                                                          strength: min(1, max(0, row.predictionScores[p]))))
                }
            }
            for g in 0..<n where !row.groundTruthIsCrowd[g] {
                var best = 0.0
                for p in 0..<m { best = max(best, row.intersectionOverUnion[p * n + g]) }
                let threshold = parameters.spuriousIntersectionOverUnion
                if best < threshold {
                    findings.append(DetectionLabelFinding(kind: .spuriousLabel, row: r, object: g,
                                                          classIndex: row.groundTruthClasses[g],
                                                          bestIntersectionOverUnion: best,
                                                          strength: threshold > 0 ? 1 - best / threshold : 1))
                }
            }
        }
        self.parameters = parameters
        self.findings = findings
        missingLabels = Self.rollUp(findings, kind: .missingLabel, rows: rows.count,
                                    threshold: parameters.missingScoreThreshold)
        spuriousLabels = Self.rollUp(findings, kind: .spuriousLabel, rows: rows.count,
                                     threshold: parameters.spuriousIntersectionOverUnion)
    }

    private static func rollUp(_ findings: [DetectionLabelFinding], kind: DataIssueKind, rows: Int,
                               threshold: Double) -> DataIssueReport {
        var byRow = [[DetectionLabelFinding]](repeating: [], count: rows)
        for finding in findings where finding.kind == kind { byRow[finding.row].append(finding) }
        let scores = byRow.map { 1 - ($0.map(\.strength).max() ?? 0) }
        let reasons: [String?] = byRow.map { list in
            guard !list.isEmpty else { return nil }
            let described = list.prefix(3).map { f in
                kind == .missingLabel
                    ? "prediction \(f.object) (class \(f.classIndex), score \(NeighborhoodIssues.format(f.strength)))"
                    : "ground truth \(f.object) (class \(f.classIndex))"
            }.joined(separator: ", ") + (list.count > 3 ? " and \(list.count - 3) more" : "")
            return kind == .missingLabel
                ? "\(described) overlaps no ground truth"
                : "no prediction overlaps \(described)"
        }
        return DataIssueReport(kind: kind, scores: scores, rawValues: byRow.map { Double($0.count) },
                               flags: byRow.map { !$0.isEmpty }, reasons: reasons, threshold: threshold)
    }
}
