import LoupeCore

/// Two detection runs evaluated on the same rows, compared: the COCO summary and each class's AP
/// and AP50 with paired bootstrap intervals over rows (images), and per-row TP/FP/FN deltas at
/// the diagnostics' IoU threshold.
struct DetectionRunComparison {
    let a: DetectionRunEvaluation.Outcome
    let b: DetectionRunEvaluation.Outcome
    let rows: [DataRow]
    let options: RunEvaluationOptions

    /// How many changed rows the comparison lists (all are counted).
    static let listedChanges = 200

    func compare() -> RunComparison {
        let accumulationA = a.evaluation.accumulate(), accumulationB = b.evaluation.accumulate()
        let summaryA = accumulationA.summarize(), summaryB = accumulationB.summarize()
        let classesA = accumulationA.categoryMetrics(), classesB = accumulationB.categoryMetrics()
        let imageCount = a.evaluation.imageIDs.count
        // Per resample: the 12 summary differences, then AP and AP50 differences per class.
        let perResample: [[Double?]] = ConcurrentMap.map(count: options.resamples) { resample in
            let indices = Bootstrap.resampleIndices(rowCount: imageCount, resample: resample, seed: options.seed)
            let resampledA = a.evaluation.accumulate(imageIndices: indices), resampledB = b.evaluation.accumulate(imageIndices: indices)
            var values = Self.differences(resampledA.summarize().entries.map(\.value), resampledB.summarize().entries.map(\.value))
            let metricsA = resampledA.categoryMetrics(), metricsB = resampledB.categoryMetrics()
            for (ca, cb) in zip(metricsA, metricsB) {
                values += Self.differences([ca.averagePrecision, ca.averagePrecision50], [cb.averagePrecision, cb.averagePrecision50])
            }
            return values
        }
        func column(_ index: Int) -> [Double] { perResample.compactMap { $0[index] } }

        let areas = a.evaluation.parameters.areaRanges
        var metrics: [RunComparison.MetricComparison] = []
        for (position, (entryA, entryB)) in zip(summaryA.entries, summaryB.entries).enumerated() {
            let area = areas.firstIndex { $0.label == entryA.areaLabel } ?? 0
            let support = (0..<accumulationA.categoryCount).reduce(0) { $0 + accumulationA.groundTruthCount(categoryIndex: $1, areaIndex: area) }
            metrics.append(.init(name: entryA.label, a: entryA.value, b: entryB.value, support: support, differences: column(position)))
        }
        let base = summaryA.entries.count
        var perClass: [RunComparison.ClassComparison] = []
        for (k, (ca, cb)) in zip(classesA, classesB).enumerated() where k < a.classes.count {
            perClass.append(.init(className: a.classes[k].name, metrics: [
                .init(name: "AP", a: ca.averagePrecision, b: cb.averagePrecision, support: ca.groundTruthCount, differences: column(base + 2 * k)),
                .init(name: "AP50", a: ca.averagePrecision50, b: cb.averagePrecision50, support: ca.groundTruthCount,
                      differences: column(base + 2 * k + 1)),
            ]))
        }

        var changes: [RunComparison.RowChange] = []
        var improved = 0, worse = 0, unchanged = 0
        for (index, row) in rows.enumerated() {
            let ra = a.diagnostics.rows[index], rb = b.diagnostics.rows[index]
            let errorsA = ra.falsePositives + ra.falseNegatives, errorsB = rb.falsePositives + rb.falseNegatives
            if errorsB < errorsA { improved += 1 } else if errorsB > errorsA { worse += 1 } else { unchanged += 1 }
            guard ra.truePositives != rb.truePositives || ra.falsePositives != rb.falsePositives || ra.falseNegatives != rb.falseNegatives else { continue }
            changes.append(.init(key: row.key, truePositives: rb.truePositives - ra.truePositives,
                                 falsePositives: rb.falsePositives - ra.falsePositives, falseNegatives: rb.falseNegatives - ra.falseNegatives))
        }
        // Largest change first; ties by key (stable, documented order).
        changes.sort { x, y in
            let sx = abs(x.falsePositives ?? 0) + abs(x.falseNegatives ?? 0), sy = abs(y.falsePositives ?? 0) + abs(y.falseNegatives ?? 0)
            return sx != sy ? sx > sy : x.key < y.key
        }
        return RunComparison(kind: "detection", rows: rows.count, resamples: options.resamples, metrics: metrics, perClass: perClass,
                             mcnemar: nil, changes: Array(changes.prefix(Self.listedChanges)),
                             rowsImproved: improved, rowsWorse: worse, rowsUnchanged: unchanged)
    }

    /// `b − a` per position, `nil` where either is undefined.
    private static func differences(_ a: [Double?], _ b: [Double?]) -> [Double?] {
        zip(a, b).map { x, y in x.flatMap { x in y.map { $0 - x } } }
    }
}
