import Foundation

/// A saved filter with a name: a part of a dataset that a team tracks across runs
/// (`night`, `small objects`, `confident mistakes of baseline`).
///
/// The filter is kept as the text the user wrote and parsed when the slice is used.
public struct Slice: Hashable, Sendable, Codable, Identifiable {
    /// Store id.
    public var id: Int64
    /// The dataset it belongs to.
    public var datasetID: Int64
    /// Its name, unique in the dataset.
    public var name: String
    /// Its filter, in the filter language (`docs/query.md`).
    public var filter: String
    /// When it was saved.
    public var createdAt: Date

    /// A slice with all its fields.
    public init(id: Int64, datasetID: Int64, name: String, filter: String, createdAt: Date) {
        self.id = id
        self.datasetID = datasetID
        self.name = name
        self.filter = filter
        self.createdAt = createdAt
    }
}

/// What deleting a run took with it.
public struct RunDeletion: Hashable, Sendable, Codable {
    /// Its predictions.
    public var predictions: Int
    /// Its snapshot entries.
    public var snapshotRows: Int
    /// Its stored evaluations (with their per-row and per-object results).
    public var evaluations: Int
    /// Its custom metric values (run, class and row scope).
    public var customMetrics: Int
    /// Embedding spaces it produced: kept, no longer linked to a run.
    public var embeddingSpacesUnlinked: Int

    /// A deletion summary.
    public init(predictions: Int, snapshotRows: Int, evaluations: Int, customMetrics: Int, embeddingSpacesUnlinked: Int) {
        self.predictions = predictions
        self.snapshotRows = snapshotRows
        self.evaluations = evaluations
        self.customMetrics = customMetrics
        self.embeddingSpacesUnlinked = embeddingSpacesUnlinked
    }
}
