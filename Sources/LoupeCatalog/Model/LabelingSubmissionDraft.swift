/// A labeler's submit of one item: the row's new ground truth, what became of each pre-label,
/// and the time spent. `LabelingSubmissionBuilder` makes one from the final objects.
public struct LabelingSubmissionDraft: Hashable, Sendable {
    /// The item submitted.
    public var itemID: Int64
    /// The token name of the labeler (must be the item's assignee).
    public var labeler: String
    /// The row's new ground truth (an empty list writes an empty label version); row ids and
    /// label versions are set by the store.
    public var annotations: [Annotation]
    /// One outcome per pre-label and per added object.
    public var outcomes: [LabelingObjectOutcome]
    /// Seconds the labeler spent.
    public var seconds: Double
    /// The run the pre-labels came from, if any.
    public var prelabelRunID: Int64?

    /// A draft value.
    public init(itemID: Int64, labeler: String, annotations: [Annotation], outcomes: [LabelingObjectOutcome], seconds: Double,
                prelabelRunID: Int64?) {
        self.itemID = itemID
        self.labeler = labeler
        self.annotations = annotations
        self.outcomes = outcomes
        self.seconds = seconds
        self.prelabelRunID = prelabelRunID
    }
}
