import LoupeCore

/// A COCO evaluation as one value for JSON output and storage: pycocotools' `stats`, the labelled
/// summary (optionally with seeded bootstrap intervals over images), per-category AP and AR, and
/// optionally the precision-recall curves.
public struct COCOEvaluationReport: Sendable, Encodable {
    /// One category's results (area range `all` unless named).
    public struct CategoryReport: Sendable, Encodable {
        public var categoryID: Int
        public var name: String
        /// Counted (non-crowd) ground-truth objects.
        public var groundTruths: Int
        public var ap: Double?
        public var ap50: Double?
        public var ap75: Double?
        public var apSmall: Double?
        public var apMedium: Double?
        public var apLarge: Double?
        public var ar: Double?
    }

    /// One precision-recall curve at 101 recall levels (precision is interpolated, as COCO's).
    public struct Curve: Sendable, Encodable {
        public var categoryID: Int
        public var iouThreshold: Double
        public var precision: [Double]
        public var scores: [Double]
    }

    /// `bbox`, `segm` or `keypoints`.
    public var iouType: String
    /// Images, categories, ground-truth objects and detections evaluated.
    public var images: Int
    public var categories: Int
    public var groundTruths: Int
    public var detections: Int
    /// pycocotools' `stats`, in its order, with its `-1` where a number is undefined: for
    /// comparison with other tools. `summary` says the same without sentinels.
    public var stats: [Double]
    /// The summary numbers by label (`AP`, `AP50`, … `ARl`); `value` absent when undefined.
    public var summary: [MetricRecord]
    /// Per category, in category-id order.
    public var perClass: [CategoryReport]
    /// The curves at IoU 0.5 and 0.75, when asked for.
    public var curves: [Curve]?
    /// What the files had that pycocotools would have refused, and how it was read.
    public var warnings: [String]

    /// Builds the report.
    /// - Parameters:
    ///   - resamples: seeded bootstrap resamples over images for the intervals of the summary
    ///     numbers (0 for none). Each resample re-accumulates the stored matches, so it costs one
    ///     accumulation, not one evaluation.
    ///   - includeCurves: whether to include the precision-recall curves.
    public init(evaluation: COCOEvaluation, input: COCOEvaluationInput, categoryNames: [Int: String],
                warnings: [ImportWarning] = [], resamples: Int = 0, seed: UInt64 = 0, includeCurves: Bool = false) {
        let accumulation = evaluation.accumulate()
        let summary = accumulation.summarize()
        iouType = evaluation.parameters.iouType.rawValue
        images = evaluation.imageIDs.count
        categories = evaluation.categoryIDs.count
        groundTruths = input.groundTruths.count
        detections = input.detections.count
        stats = summary.pycocotoolsStats
        var intervals: [[Double?]] = []
        if resamples > 0 {
            // One bootstrap per resample for all entries at once: draw the images, accumulate, summarize.
            let imageCount = evaluation.imageIDs.count
            let perResample = ConcurrentMap.map(count: resamples) { resample -> [Double?] in
                let indices = Bootstrap.resampleIndices(rowCount: imageCount, resample: resample, seed: seed)
                return evaluation.accumulate(imageIndices: indices).summarize().entries.map(\.value)
            }
            intervals = perResample
        }
        // Support: the counted (non-crowd, in range) ground-truth objects of the entry's area range.
        let areas = evaluation.parameters.areaRanges
        self.summary = summary.entries.enumerated().map { position, entry in
            let area = areas.firstIndex { $0.label == entry.areaLabel } ?? 0
            let counted = (0..<accumulation.categoryCount).reduce(0) { $0 + accumulation.groundTruthCount(categoryIndex: $1, areaIndex: area) }
            var record = MetricRecord(name: entry.label, value: entry.value, support: counted)
            if !intervals.isEmpty {
                let values = intervals.compactMap { $0[position] }.sorted()
                if !values.isEmpty {
                    record.lower = Quantile.linear(sorted: values, q: 0.025)
                    record.upper = Quantile.linear(sorted: values, q: 0.975)
                }
            }
            return record
        }
        perClass = accumulation.categoryMetrics().enumerated().map { k, metrics in
            let id = metrics.categoryID ?? evaluation.categoryIDs[k]
            func area(_ label: String) -> Double? { metrics.areas.first { $0.areaLabel == label }?.averagePrecision }
            return CategoryReport(categoryID: id, name: categoryNames[id] ?? String(id), groundTruths: metrics.groundTruthCount,
                                  ap: metrics.averagePrecision, ap50: metrics.averagePrecision50, ap75: metrics.averagePrecision75,
                                  apSmall: area("small"), apMedium: area("medium"), apLarge: area("large"),
                                  ar: metrics.averageRecall)
        }
        curves = includeCurves ? accumulation.precisionRecallCurves().map { curve in
            Curve(categoryID: curve.categoryID ?? 0, iouThreshold: curve.iouThreshold, precision: curve.precision, scores: curve.scores)
        } : nil
        self.warnings = warnings.map(\.description)
        summaryText = summary.text
    }

    /// pycocotools' printed summary lines.
    public let summaryText: String

    private enum CodingKeys: String, CodingKey {
        case iouType, images, categories, groundTruths, detections, stats, summary, perClass, curves, warnings
    }

    /// Per-class metrics as stored records.
    public var perClassRecords: [ClassMetricRecords] {
        perClass.map { report in
            ClassMetricRecords(className: report.name, metrics: [
                MetricRecord(name: "AP", value: report.ap, support: report.groundTruths),
                MetricRecord(name: "AP50", value: report.ap50, support: report.groundTruths),
                MetricRecord(name: "AP75", value: report.ap75, support: report.groundTruths),
                MetricRecord(name: "APs", value: report.apSmall, support: report.groundTruths),
                MetricRecord(name: "APm", value: report.apMedium, support: report.groundTruths),
                MetricRecord(name: "APl", value: report.apLarge, support: report.groundTruths),
                MetricRecord(name: "AR100", value: report.ar, support: report.groundTruths),
            ])
        }
    }
}
