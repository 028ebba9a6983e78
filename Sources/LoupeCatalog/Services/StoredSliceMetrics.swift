import LoupeCore

/// A run's metrics on the rows a filter selects, recomputed from its stored evaluation (per-row
/// results and per-object outcomes) without reading geometry or matching again: what makes the
/// metrics of a 100,000-row slice of a million-row dataset take well under a second.
///
/// Detection: precision, recall, F1 and mean IoU at the evaluation's IoU and score thresholds,
/// and AP at that IoU threshold (`AP50` with the default 0.5), overall and per class, as
/// `DetectionOutcomeMetrics` defines them. Classification: accuracy, mean confidence, margin and
/// entropy. Every value has support and a seeded 95% percentile-bootstrap interval over rows.
/// The COCO metrics over ten IoU thresholds and three area ranges need the geometry:
/// `RunEvaluator.draft(…, restrictedTo:)` recomputes them.
public struct StoredSliceMetrics<S: Store> {
    /// The store read from.
    public let store: S

    /// Slice metrics over `store`.
    public init(store: S) {
        self.store = store
    }

    /// The metrics of `evaluation` on the rows of `dataset` that `filter` selects.
    /// - Throws: `StoreError` when the filter names something the dataset lacks, or when no
    ///   evaluated row is selected.
    public func metrics(of evaluation: Evaluation, dataset: Dataset, filter: FilterExpression?,
                        resamples: Int = Bootstrap.defaultResamples, seed: UInt64 = 0) async throws -> SliceMetricsReport {
        let outcomes = try await store.evaluationOutcomes(evaluationID: evaluation.id, datasetID: dataset.id, filter: filter)
        guard !outcomes.rows.isEmpty else {
            throw StoreError.invalid("the filter selects none of the rows evaluation '\(evaluation.key)' evaluated")
        }
        switch evaluation.kind {
        case .detection:
            let classes = try await store.classes(datasetID: dataset.id).sorted { $0.ordinal < $1.ordinal }
            return Self.detection(outcomes, classes: classes, resamples: resamples, seed: seed)
        case .classification:
            return Self.classification(outcomes, resamples: resamples, seed: seed)
        }
    }

    static func detection(_ outcomes: EvaluationOutcomes, classes: [LabelClass], resamples: Int, seed: UInt64) -> SliceMetricsReport {
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1.id, $0) })
        var predictions: [DetectionOutcomeMetrics.Prediction] = []
        var truths: [(rowIndex: Int, classIndex: Int)] = []
        // Rows and objects both come in row-id order: walk them together instead of hashing.
        var row = 0
        for object in outcomes.objects {
            while row < outcomes.rows.count && outcomes.rows[row].rowID < object.rowID { row += 1 }
            guard row < outcomes.rows.count, outcomes.rows[row].rowID == object.rowID,
                  let classID = object.classID, let k = classIndex[classID] else { continue }
            switch object.outcome {
            case .truePositive:
                predictions.append(.init(rowIndex: row, classIndex: k, score: object.score ?? 0, isTruePositive: true))
                truths.append((row, k))
            case .falsePositive:
                predictions.append(.init(rowIndex: row, classIndex: k, score: object.score ?? 0, isTruePositive: false))
            case .falseNegative:
                truths.append((row, k))
            case .ignored:
                continue
            }
        }
        let iouSums = outcomes.rows.map { row in (row.meanIoU ?? 0) * Double(row.truePositives ?? 0) }
        let metrics = DetectionOutcomeMetrics(rowCount: outcomes.rows.count, classCount: classes.count, predictions: predictions,
                                              groundTruths: truths, matchedIoUSums: iouSums)
        let full = metrics.values()
        let results = metrics.bootstrap(resamples: resamples, seed: seed)
        func record(_ name: String, _ position: Int, support: Int) -> MetricRecord {
            let result = results[position]
            return MetricRecord(name: name, value: result.value, lower: result.interval?.lower, upper: result.interval?.upper, support: support)
        }
        let groundTruths = full.perClass.reduce(0) { $0 + $1.groundTruths }
        let predicted = full.perClass.reduce(0) { $0 + $1.predictions }
        let matched = predictions.reduce(0) { $0 + ($1.isTruePositive ? 1 : 0) }
        let summary = [
            record("AP50", 4, support: groundTruths), record("precision", 0, support: predicted), record("recall", 1, support: groundTruths),
            record("f1", 2, support: groundTruths), record("mean_iou", 3, support: matched),
        ]
        let perClass = classes.enumerated().map { k, labelClass in
            let values = full.perClass[k]
            return ClassMetricRecords(className: labelClass.name, metrics: [
                record("AP50", 5 + 3 * k, support: values.groundTruths),
                record("precision", 6 + 3 * k, support: values.predictions),
                record("recall", 7 + 3 * k, support: values.groundTruths),
            ])
        }
        return SliceMetricsReport(rows: outcomes.rows.count, summary: summary, perClass: perClass)
    }

    static func classification(_ outcomes: EvaluationOutcomes, resamples: Int, seed: UInt64) -> SliceMetricsReport {
        let rows = outcomes.rows
        let columns: [(String, (EvaluationRowResult) -> Double?)] = [
            ("accuracy", { $0.correct.map { $0 ? 1 : 0 } }), ("mean_confidence", \.confidence),
            ("mean_margin", \.margin), ("mean_entropy", \.entropy),
        ]
        let values = columns.map { _, column in rows.map(column) }
        let results = Bootstrap.percentiles(rowCount: rows.count, resamples: resamples, seed: seed) { drawn in
            values.map { column in
                var sum = 0.0, count = 0
                for index in drawn { if let value = column[index] { sum += value; count += 1 } }
                return count > 0 ? sum / Double(count) : nil
            }
        }
        let summary = columns.indices.map { c in
            MetricRecord(name: columns[c].0, value: results[c].value, lower: results[c].interval?.lower,
                         upper: results[c].interval?.upper, support: values[c].reduce(0) { $0 + ($1 == nil ? 0 : 1) })
        }
        return SliceMetricsReport(rows: rows.count, summary: summary, perClass: [])
    }
}
