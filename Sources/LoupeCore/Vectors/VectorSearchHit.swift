/// One result of a vector search: the position of a stored vector and its similarity to the query
/// (of the index's ``VectorMetric``, larger is nearer).
public struct VectorSearchHit: Hashable, Sendable {
    /// The id the vector was added under.
    public var id: Int64
    /// Similarity to the query.
    public var score: Float

    /// A hit.
    public init(id: Int64, score: Float) {
        self.id = id
        self.score = score
    }
}
