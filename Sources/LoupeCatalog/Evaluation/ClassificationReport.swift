import LoupeCore

/// Everything a classification evaluation reports, as one value for JSON output and storage:
/// headline metrics with support (accuracy and macro F1 with a 95% bootstrap interval over
/// rows), per-class scores, the confusion matrix and the reliability diagram.
public struct ClassificationReport: Sendable, Encodable {
    /// One class's scores.
    public struct ClassReport: Sendable, Encodable {
        public var name: String
        public var precision: Double?
        public var recall: Double?
        public var f1: Double?
        /// Rows whose true class this is.
        public var support: Int
        /// Rows predicted as this class.
        public var predicted: Int
        public var rocAUC: Double?
        public var averagePrecision: Double?
    }

    /// The confusion matrix: `counts[truth][predicted]`, in `classes` order.
    public struct Confusion: Sendable, Encodable {
        public var classes: [String]
        public var counts: [[Int]]
    }

    /// Rows evaluated.
    public var rows: Int
    /// Headline metrics, in display order.
    public var summary: [MetricRecord]
    /// Per-class scores, in class order.
    public var perClass: [ClassReport]
    /// Rows = truth, columns = predicted.
    public var confusionMatrix: Confusion
    /// The 15 equal-width confidence bins, when probabilities were given.
    public var reliability: [CalibrationReport.Bin]?

    /// Builds the report; `resamples` bootstrap resamples (seeded) give the intervals, 0 for none.
    /// - Complexity: O(resamples · (n + K²)) for the intervals, O(n · K · log n) for the rest.
    public init(_ evaluation: ClassificationEvaluation, classNames: [String], resamples: Int = 1000, seed: UInt64 = 0) {
        rows = evaluation.rowCount
        let n = evaluation.rowCount
        var summary: [MetricRecord] = []
        let correct = evaluation.correct
        let accuracy = Bootstrap.percentile(rowCount: n, resamples: resamples, seed: seed) { rows in
            rows.isEmpty ? nil : Double(rows.count { correct[$0] }) / Double(rows.count)
        }
        summary.append(Self.record("accuracy", accuracy))
        let truth = evaluation.trueLabels, predicted = evaluation.predictedLabels, k = evaluation.classCount
        let macroF1 = Bootstrap.percentile(rowCount: n, resamples: resamples, seed: seed) { rows in
            let matrix = ConfusionMatrix(classCount: k, trueLabels: rows.map { truth[$0] }, predictedLabels: rows.map { predicted[$0] })
            return matrix.averagedScores(.macro)?.f1
        }
        summary.append(Self.record("macro_f1", macroF1))
        for averaging in ScoreAveraging.allCases {
            guard let scores = evaluation.averagedScores(averaging) else { continue }
            if averaging != .macro { summary.append(MetricRecord(name: "\(averaging.rawValue)_f1", value: scores.f1, support: scores.support)) }
            summary.append(MetricRecord(name: "\(averaging.rawValue)_precision", value: scores.precision, support: scores.support))
            summary.append(MetricRecord(name: "\(averaging.rawValue)_recall", value: scores.recall, support: scores.support))
        }
        if k > 5, let top5 = evaluation.topKAccuracy(k: 5) { summary.append(Self.record("top5_accuracy", top5)) }
        if let logLoss = evaluation.logLoss { summary.append(Self.record("log_loss", logLoss)) }
        if let brier = evaluation.brierScore { summary.append(Self.record("brier_score", brier)) }
        let auc = evaluation.rocAUC
        let ap = evaluation.averagePrecision
        if let auc {
            summary.append(MetricRecord(name: "macro_roc_auc", value: auc.macro?.value, support: auc.macro?.support ?? 0))
            summary.append(MetricRecord(name: "weighted_roc_auc", value: auc.weighted?.value, support: auc.weighted?.support ?? 0))
        }
        if let ap {
            summary.append(MetricRecord(name: "macro_average_precision", value: ap.macro?.value, support: ap.macro?.support ?? 0))
        }
        let calibration = evaluation.calibration()
        if let calibration { summary.append(Self.record("expected_calibration_error", calibration.expectedCalibrationError)) }
        self.summary = summary
        reliability = calibration?.bins
        perClass = evaluation.classScores.map { scores in
            ClassReport(name: classNames[scores.classIndex], precision: scores.precision, recall: scores.recall, f1: scores.f1,
                        support: scores.support, predicted: scores.predictedCount,
                        rocAUC: auc?.perClass[scores.classIndex], averagePrecision: ap?.perClass[scores.classIndex])
        }
        confusionMatrix = Confusion(classes: classNames, counts: (0..<k).map { truth in (0..<k).map { evaluation.confusion[truth, $0] } })
    }

    private static func record(_ name: String, _ estimate: MetricEstimate) -> MetricRecord {
        MetricRecord(name: name, value: estimate.value, lower: estimate.lower, upper: estimate.upper, support: estimate.support)
    }

    private static func record(_ name: String, _ result: Bootstrap.Result) -> MetricRecord {
        MetricRecord(name: name, value: result.value, lower: result.interval?.lower, upper: result.interval?.upper, support: result.support)
    }

    /// Per-class metrics as stored records.
    public var perClassRecords: [ClassMetricRecords] {
        perClass.map { report in
            ClassMetricRecords(className: report.name, metrics: [
                MetricRecord(name: "precision", value: report.precision, support: report.predicted),
                MetricRecord(name: "recall", value: report.recall, support: report.support),
                MetricRecord(name: "f1", value: report.f1, support: report.support),
                MetricRecord(name: "roc_auc", value: report.rocAUC, support: report.support),
                MetricRecord(name: "average_precision", value: report.averagePrecision, support: report.support),
            ])
        }
    }
}
