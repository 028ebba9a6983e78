/// The selection strategies by the names a CLI (`loupe select --strategy NAME`) and the API use,
/// each mapped onto a `Selection` function by `select(pool:budget:inputs:)`.
///
/// | name | function | needs in `SelectionInputs` |
/// |---|---|---|
/// | `random` | `Selection.random` | `seed` |
/// | `least_confidence`, `margin`, `entropy` | `Selection.uncertainty` | `probabilities` |
/// | `detection_uncertainty` | `Selection.detectionUncertainty` | `boxScores`, `band` |
/// | `k_center` | `Selection.kCenterGreedy` | `embeddings`, `labeled`, `metric` |
/// | `similarity` | `Selection.similarity` | `embeddings`, `seeds` |
/// | `cluster_balanced` | `Selection.clusterBalanced` | `clusters`, an uncertainty |
/// | `class_balanced` | `Selection.classBalanced` | `quotas`, groups, an uncertainty |
/// | `weighted` | `Selection.weighted` | `weights` and each component's inputs |
///
/// "An uncertainty" is `uncertaintyMeasure` over `probabilities`, or else the detection entropy of
/// `boxScores`. The groups of `class_balanced` are `groups`, or else the predicted (top) classes
/// of `probabilities`.
public enum SelectionStrategy: String, Hashable, Sendable, Codable, CaseIterable {
    /// Seeded uniform sampling.
    case random
    /// One minus the top probability.
    case leastConfidence = "least_confidence"
    /// One minus the gap between the top two probabilities.
    case margin
    /// Entropy of the predicted probabilities.
    case entropy
    /// Summed binary entropy of the boxes in an uncertainty band.
    case detectionUncertainty = "detection_uncertainty"
    /// k-center greedy over an embedding space.
    case kCenter = "k_center"
    /// Largest cosine similarity to seed rows.
    case similarity
    /// Round-robin over clusters, most uncertain first.
    case clusterBalanced = "cluster_balanced"
    /// Per-class (or per-slice) quotas filled with the most uncertain rows.
    case classBalanced = "class_balanced"
    /// A weighted combination of normalized per-row strategy scores.
    case weighted

    /// Whether the strategy gives every row a score on its own, so that it can be a component of
    /// `weighted` (all but the three sequential, balancing ones and `weighted` itself).
    public var hasRowScores: Bool {
        switch self {
        case .clusterBalanced, .classBalanced, .weighted: false
        default: true
        }
    }
}
