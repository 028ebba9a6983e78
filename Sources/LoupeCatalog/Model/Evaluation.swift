import Foundation

/// A stored evaluation of a model run against its dataset's ground truth, under a key chosen by
/// the user (`"default"`, `"iou75"`, …) so that it can be listed, reloaded and compared later.
///
/// The parameters are stored with the results: an evaluation is only comparable with another
/// made under the same parameters.
public struct Evaluation: Hashable, Sendable, Codable, Identifiable {
    /// Store id.
    public var id: Int64
    /// The evaluated run.
    public var runID: Int64
    /// The user's name for this evaluation, unique per run.
    public var key: String
    /// What kind of evaluation it is.
    public var kind: EvaluationKind
    /// The evaluation's parameters as a JSON object (IoU type and thresholds, score threshold, …).
    public var parametersJSON: String
    /// The headline metrics, in display order.
    public var summary: [MetricRecord]
    /// Per-class metrics, by class ordinal.
    public var perClass: [ClassMetricRecords]
    /// Further results as a JSON object (pycocotools' stats list, the confusion matrix, PR curves).
    public var detailsJSON: String
    /// When it was computed.
    public var createdAt: Date

    /// An evaluation with all its fields.
    public init(id: Int64, runID: Int64, key: String, kind: EvaluationKind, parametersJSON: String,
                summary: [MetricRecord], perClass: [ClassMetricRecords], detailsJSON: String, createdAt: Date) {
        self.id = id
        self.runID = runID
        self.key = key
        self.kind = kind
        self.parametersJSON = parametersJSON
        self.summary = summary
        self.perClass = perClass
        self.detailsJSON = detailsJSON
        self.createdAt = createdAt
    }
}

/// The kinds of evaluation Loupe stores.
public enum EvaluationKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Object detection or instance segmentation: COCO metrics and per-object matches.
    case detection
    /// Single-label classification.
    case classification
}

/// One metric's value with its support and, when computed, a 95% bootstrap interval.
///
/// `value` is `nil` when the metric is undefined (no support), never NaN or `-1`.
public struct MetricRecord: Hashable, Sendable, Codable {
    /// Stable metric name (`"AP"`, `"AP50"`, `"accuracy"`, …).
    public var name: String
    /// The value, `nil` when undefined.
    public var value: Double?
    /// Lower end of the 95% interval, if computed.
    public var lower: Double?
    /// Upper end of the 95% interval, if computed.
    public var upper: Double?
    /// How many items the value rests on (ground-truth objects, rows, …; see the metric's documentation).
    public var support: Int

    /// A metric value.
    public init(name: String, value: Double?, lower: Double? = nil, upper: Double? = nil, support: Int) {
        self.name = name
        self.value = value
        self.lower = lower
        self.upper = upper
        self.support = support
    }
}

/// The metrics of one class.
public struct ClassMetricRecords: Hashable, Sendable, Codable {
    /// The class's name.
    public var className: String
    /// The class's metrics.
    public var metrics: [MetricRecord]

    /// The metrics of a class.
    public init(className: String, metrics: [MetricRecord]) {
        self.className = className
        self.metrics = metrics
    }
}

/// What an evaluation found on one row: the per-row metrics filters and sorts use.
public struct EvaluationRowResult: Hashable, Sendable, Codable {
    /// The row.
    public var rowID: Int64
    /// Detection: matched predictions.
    public var truePositives: Int?
    /// Detection: unmatched predictions (classification: 1 when wrong).
    public var falsePositives: Int?
    /// Detection: missed ground-truth objects.
    public var falseNegatives: Int?
    /// Detection: mean IoU of the matches, `nil` without matches.
    public var meanIoU: Double?
    /// Classification: whether the top class is the true class.
    public var correct: Bool?
    /// Classification: the top class's probability (or score).
    public var confidence: Double?
    /// Classification: top-1 minus top-2 probability.
    public var margin: Double?
    /// Classification: entropy of the probabilities in nats.
    public var entropy: Double?

    /// A row result; unset fields do not apply to the evaluation's kind.
    public init(rowID: Int64, truePositives: Int? = nil, falsePositives: Int? = nil, falseNegatives: Int? = nil,
                meanIoU: Double? = nil, correct: Bool? = nil, confidence: Double? = nil, margin: Double? = nil,
                entropy: Double? = nil) {
        self.rowID = rowID
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.meanIoU = meanIoU
        self.correct = correct
        self.confidence = confidence
        self.margin = margin
        self.entropy = entropy
    }
}

/// The outcome of one prediction or ground-truth object in a detection evaluation.
public struct EvaluationObjectResult: Hashable, Sendable, Codable {
    /// A prediction matched (`truePositive`), a prediction unmatched (`falsePositive`), a ground
    /// truth unmatched (`falseNegative`), or a prediction absorbed by a crowd region (`ignored`).
    public enum Outcome: String, Hashable, Sendable, Codable, CaseIterable {
        case truePositive = "tp"
        case falsePositive = "fp"
        case falseNegative = "fn"
        case ignored
    }

    /// Why a prediction is a false positive.
    public enum Reason: String, Hashable, Sendable, Codable, CaseIterable {
        /// It overlaps nothing (IoU below 0.1 with every ground truth).
        case background
        /// Right class, but IoU between 0.1 and the threshold.
        case localization
        /// Its ground truth was already matched by a higher-scored prediction.
        case duplicate
        /// It overlaps a ground truth of another class at the threshold.
        case wrongClass = "wrong_class"
        /// It overlaps a ground truth of another class, but below the threshold, and nothing of its own class.
        case wrongClassAndLocalization = "wrong_class_and_localization"
    }

    /// The row.
    public var rowID: Int64
    /// The prediction, for `truePositive`, `falsePositive` and `ignored`.
    public var predictionID: Int64?
    /// The ground truth, for `truePositive` and `falseNegative` (and the overlapped object of a
    /// `wrongClass` or `duplicate` false positive).
    public var annotationID: Int64?
    /// The outcome.
    public var outcome: Outcome
    /// For false positives, why.
    public var reason: Reason?
    /// IoU with `annotationID`, when both are set.
    public var iou: Double?
    /// The prediction's score.
    public var score: Double?
    /// The class the object counts for: the prediction's, or for a missed ground truth its own.
    public var classID: Int64?

    /// An object outcome.
    public init(rowID: Int64, predictionID: Int64?, annotationID: Int64?, outcome: Outcome,
                reason: Reason? = nil, iou: Double? = nil, score: Double? = nil, classID: Int64? = nil) {
        self.classID = classID
        self.rowID = rowID
        self.predictionID = predictionID
        self.annotationID = annotationID
        self.outcome = outcome
        self.reason = reason
        self.iou = iou
        self.score = score
    }
}

/// An evaluation to store: its record and its per-row and per-object results.
public struct EvaluationDraft: Sendable {
    /// The evaluated run.
    public var runID: Int64
    /// The key to store it under.
    public var key: String
    /// Its kind.
    public var kind: EvaluationKind
    /// Its parameters as a JSON object.
    public var parametersJSON: String
    /// Headline metrics.
    public var summary: [MetricRecord]
    /// Per-class metrics.
    public var perClass: [ClassMetricRecords]
    /// Further results as a JSON object.
    public var detailsJSON: String
    /// Per-row results.
    public var rows: [EvaluationRowResult]
    /// Per-object results (detection).
    public var objects: [EvaluationObjectResult]
    /// Each row's cells of the confusion matrix in `detailsJSON`, so that the rows behind a cell
    /// can be listed.
    public var confusion: [EvaluationConfusionEntry]

    /// A draft with all its parts.
    public init(runID: Int64, key: String, kind: EvaluationKind, parametersJSON: String, summary: [MetricRecord],
                perClass: [ClassMetricRecords], detailsJSON: String, rows: [EvaluationRowResult],
                objects: [EvaluationObjectResult], confusion: [EvaluationConfusionEntry] = []) {
        self.confusion = confusion
        self.runID = runID
        self.key = key
        self.kind = kind
        self.parametersJSON = parametersJSON
        self.summary = summary
        self.perClass = perClass
        self.detailsJSON = detailsJSON
        self.rows = rows
        self.objects = objects
    }
}

/// One row's count in one cell of an evaluation's confusion matrix: how many of its objects of
/// class `actualClassID` were predicted as `predictedClassID` (`nil` = none: a prediction that
/// matched no object, or an object no prediction matched). For classification a row is one
/// object, counted at (its label, its predicted class).
public struct EvaluationConfusionEntry: Hashable, Sendable {
    /// The row.
    public var rowID: Int64
    /// The ground-truth class; `nil` for predictions that matched no object.
    public var actualClassID: Int64?
    /// The predicted class; `nil` for objects that no prediction matched.
    public var predictedClassID: Int64?
    /// How many (at least 1).
    public var count: Int

    /// An entry.
    public init(rowID: Int64, actualClassID: Int64?, predictedClassID: Int64?, count: Int) {
        self.rowID = rowID
        self.actualClassID = actualClassID
        self.predictedClassID = predictedClassID
        self.count = count
    }
}

/// A page of the rows behind one cell of an evaluation's confusion matrix.
public struct ConfusionCellPage: Sendable {
    /// One row in the cell.
    public struct Row: Hashable, Sendable {
        /// The row's id.
        public var rowID: Int64
        /// The row's key.
        public var key: String
        /// How many of the row's objects are in the cell.
        public var count: Int
        /// The row's kind, so a gallery knows whether there is an image to show.
        public var kind: RowKind
        /// A text row's text (its first 280 characters), for galleries of text rows.
        public var text: String?

        /// A row in a cell.
        public init(rowID: Int64, key: String, count: Int, kind: RowKind = .image, text: String? = nil) {
            self.rowID = rowID
            self.key = key
            self.count = count
            self.kind = kind
            self.text = text
        }
    }

    /// The cell's count over all rows (the matrix's number).
    public var objects: Int
    /// How many rows have objects in the cell.
    public var rowCount: Int
    /// This page's rows, in row-id order.
    public var rows: [Row]
    /// The cursor of the next page; `nil` on the last.
    public var next: PageCursor?

    /// A page.
    public init(objects: Int, rowCount: Int, rows: [Row], next: PageCursor?) {
        self.objects = objects
        self.rowCount = rowCount
        self.rows = rows
        self.next = next
    }
}

/// One class's counts when a detection evaluation keeps only the predictions scoring at least a
/// threshold: exact, because matching is greedy in descending score (raising the threshold only
/// drops the tail of the order; see `DetectionOperatingPoint`).
public struct DetectionOperatingCounts: Hashable, Sendable {
    /// The class.
    public var classID: Int64
    /// Kept predictions matched to a ground-truth object of their class.
    public var truePositives: Int
    /// Kept predictions matched to none (crowd matches and ignored objects are not counted).
    public var falsePositives: Int
    /// The class's counted ground-truth objects (crowds and ignored objects excluded).
    public var groundTruths: Int

    /// Counts for a class.
    public init(classID: Int64, truePositives: Int, falsePositives: Int, groundTruths: Int) {
        self.classID = classID
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.groundTruths = groundTruths
    }
}
