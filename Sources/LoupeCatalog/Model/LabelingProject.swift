import Foundation

/// A labeling project: a queue of a dataset's rows, with optional pre-labels from a run's
/// predictions at or above a score threshold.
public struct LabelingProject: Hashable, Sendable {
    /// Store-assigned id.
    public var id: Int64
    /// The dataset whose rows it labels.
    public var datasetID: Int64
    /// Its name, unique in the dataset.
    public var name: String
    /// The run whose predictions are offered as pre-labels; `nil` without pre-labels (or once the run was deleted).
    public var prelabelRunID: Int64?
    /// Predictions scoring below this are not offered (unscored predictions always are).
    public var scoreThreshold: Double
    /// When it was created.
    public var createdAt: Date

    /// A project value.
    public init(id: Int64, datasetID: Int64, name: String, prelabelRunID: Int64?, scoreThreshold: Double, createdAt: Date) {
        self.id = id
        self.datasetID = datasetID
        self.name = name
        self.prelabelRunID = prelabelRunID
        self.scoreThreshold = scoreThreshold
        self.createdAt = createdAt
    }
}
