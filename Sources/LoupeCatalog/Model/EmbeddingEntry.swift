/// Where a stored vector belongs, without the vector: what a vector index keeps beside its ids
/// (an index holds vectors under their embedding id).
public struct EmbeddingEntry: Hashable, Sendable {
    /// The embedding's id (unique in the workspace, changed when its vector is replaced).
    public var id: Int64
    /// The row the vector describes.
    public var rowID: Int64
    /// The object (annotation) it describes, or `nil` for a whole-row vector.
    public var objectID: Int64?
    /// The row's dataset.
    public var datasetID: Int64

    /// An entry.
    public init(id: Int64, rowID: Int64, objectID: Int64?, datasetID: Int64) {
        self.id = id
        self.rowID = rowID
        self.objectID = objectID
        self.datasetID = datasetID
    }
}
