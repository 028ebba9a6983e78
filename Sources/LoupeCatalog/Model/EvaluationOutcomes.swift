/// The stored results of one evaluation on the rows a filter selects: what slice metrics are
/// recomputed from without matching again.
public struct EvaluationOutcomes: Sendable {
    /// One stored object outcome with the class it counts for.
    public struct Object: Hashable, Sendable {
        /// The row it is on.
        public var rowID: Int64
        /// The prediction's class, or for a missed ground truth its class; `nil` when unknown.
        public var classID: Int64?
        /// TP, FP, FN or ignored (matched to a crowd region).
        public var outcome: EvaluationObjectResult.Outcome
        /// IoU with the matched or nearest ground truth, if any.
        public var iou: Double?
        /// The prediction's score; `nil` for a missed ground truth.
        public var score: Double?

        /// An object outcome.
        public init(rowID: Int64, classID: Int64?, outcome: EvaluationObjectResult.Outcome, iou: Double?, score: Double?) {
            self.rowID = rowID
            self.classID = classID
            self.outcome = outcome
            self.iou = iou
            self.score = score
        }
    }

    /// Per-row results, by ascending row id.
    public var rows: [EvaluationRowResult]
    /// Object outcomes by ascending row id, then in the order the evaluation stored them
    /// (each row's predictions in the order it read them, then its missed ground truths).
    public var objects: [Object]

    /// Stored outcomes.
    public init(rows: [EvaluationRowResult], objects: [Object]) {
        self.rows = rows
        self.objects = objects
    }
}
