import Foundation

/// A stored submit of a labeling item: the label version it wrote and its object outcomes.
public struct LabelingSubmission: Hashable, Sendable {
    /// Store-assigned id.
    public var id: Int64
    /// The item submitted.
    public var itemID: Int64
    /// The row labelled.
    public var rowID: Int64
    /// Who submitted it.
    public var labeler: String
    /// The row's label version it wrote.
    public var labelVersion: Int
    /// How many objects that version holds.
    public var objectCount: Int
    /// Seconds the labeler spent.
    public var seconds: Double
    /// The run its pre-labels came from (`nil` without pre-labels, or once the run was deleted).
    public var prelabelRunID: Int64?
    /// When it was submitted.
    public var submittedAt: Date
    /// What became of each pre-label, and the objects added.
    public var outcomes: [LabelingObjectOutcome]

    /// A submission value.
    public init(id: Int64, itemID: Int64, rowID: Int64, labeler: String, labelVersion: Int, objectCount: Int, seconds: Double,
                prelabelRunID: Int64?, submittedAt: Date, outcomes: [LabelingObjectOutcome]) {
        self.id = id
        self.itemID = itemID
        self.rowID = rowID
        self.labeler = labeler
        self.labelVersion = labelVersion
        self.objectCount = objectCount
        self.seconds = seconds
        self.prelabelRunID = prelabelRunID
        self.submittedAt = submittedAt
        self.outcomes = outcomes
    }
}
