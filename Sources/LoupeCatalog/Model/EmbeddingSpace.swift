/// A named vector space with one vector per row (and optionally per object), usually produced
/// by a model run.
public struct EmbeddingSpace: Hashable, Sendable, Codable, Identifiable {
    /// Store-assigned id.
    public var id: Int64
    /// Unique name.
    public var name: String
    /// Vector length, `> 0`.
    public var dimension: Int
    /// The run that produced the vectors, if known.
    public var sourceRunID: Int64?

    /// A space value as read from a store.
    public init(id: Int64, name: String, dimension: Int, sourceRunID: Int64?) {
        self.id = id
        self.name = name
        self.dimension = dimension
        self.sourceRunID = sourceRunID
    }
}

/// One vector of an embedding space: for a row, or for one object (annotation) on it.
public struct Embedding: Hashable, Sendable {
    /// The space.
    public var spaceID: Int64
    /// The row.
    public var rowID: Int64
    /// The annotation it describes, or `nil` for a whole-row vector.
    public var objectID: Int64?
    /// `dimension` values.
    public var vector: [Float]

    /// An embedding value.
    public init(spaceID: Int64, rowID: Int64, objectID: Int64? = nil, vector: [Float]) {
        self.spaceID = spaceID
        self.rowID = rowID
        self.objectID = objectID
        self.vector = vector
    }
}
