/// How two vectors are compared, as a similarity (larger is nearer) and as a distance (smaller is
/// nearer, never negative for cosine and L2).
///
/// - `cosine`: similarity `a·b / (‖a‖‖b‖)` in [-1, 1]; distance `1 − similarity` in [0, 2]. A zero
///   vector has similarity 0 with everything.
/// - `innerProduct`: similarity `a·b`; distance `−a·b` (the ordering faiss `IndexFlatIP` uses).
/// - `l2`: similarity `−‖a − b‖²`; distance `‖a − b‖²` (squared, as faiss and hnswlib report it).
public enum VectorMetric: String, Hashable, Sendable, Codable, CaseIterable {
    /// Cosine similarity.
    case cosine
    /// Inner (dot) product.
    case innerProduct = "inner_product"
    /// Squared Euclidean distance.
    case l2

    /// The similarity for a distance of this metric (the inverse of ``distance(forSimilarity:)``).
    @inlinable
    public func similarity(forDistance distance: Float) -> Float {
        switch self {
        case .cosine: 1 - distance
        case .innerProduct, .l2: -distance
        }
    }

    /// The distance for a similarity of this metric.
    @inlinable
    public func distance(forSimilarity similarity: Float) -> Float {
        switch self {
        case .cosine: 1 - similarity
        case .innerProduct, .l2: -similarity
        }
    }
}
