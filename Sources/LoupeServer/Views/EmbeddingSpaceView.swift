/// An embedding space on the wire.
struct EmbeddingSpaceView: Encodable, Sendable {
    var name: String
    var dimension: Int
    /// `MODEL/NAME` of the run that produced the vectors, when known and not deleted.
    var sourceRun: String?
    /// How many vectors it holds.
    var vectors: Int
}

/// `GET /embedding-spaces`.
struct EmbeddingSpaceListView: Encodable, Sendable {
    var embeddingSpaces: [EmbeddingSpaceView]
}
