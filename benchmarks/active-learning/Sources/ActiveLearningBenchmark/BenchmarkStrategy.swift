import LoupeCore

/// A strategy of the benchmark: a `SelectionStrategy` with the inputs this benchmark gives it.
///
/// - `random`: `Selection.random` with a fresh seed per round (drawn from the run's generator).
/// - `least_confidence`, `margin`, `entropy`: the current probe's probabilities on the pool.
/// - `k_center`: k-center greedy on the embeddings, the labeled rows as the starting centers.
/// - `cluster_balanced`: round-robin over the k-means clusters of the training pool (fixed per
///   seed), most uncertain (margin) first within a cluster.
/// - `class_balanced`: even quotas over the predicted classes (`batch / K` each, the remainder to
///   the lowest classes), each filled with its most uncertain (margin) pool rows.
/// - `weighted`: margin 0.5 + k_center 0.5 (distance to the nearest labeled row), rank-normalized.
///
/// Not benchmarked: `similarity` (needs seed rows of a target, not a pool-wide strategy) and
/// `detection_uncertainty` (box scores).
struct BenchmarkStrategy: Hashable, Sendable {
    /// The catalog strategy.
    var strategy: SelectionStrategy
    /// The name in the output (the strategy's, `weighted` spelled with its components).
    var name: String

    /// The strategies of the benchmark, by output name.
    static let all: [BenchmarkStrategy] = [
        .init(strategy: .random, name: "random"),
        .init(strategy: .leastConfidence, name: "least_confidence"),
        .init(strategy: .margin, name: "margin"),
        .init(strategy: .entropy, name: "entropy"),
        .init(strategy: .kCenter, name: "k_center"),
        .init(strategy: .clusterBalanced, name: "cluster_balanced"),
        .init(strategy: .classBalanced, name: "class_balanced"),
        .init(strategy: .weighted, name: "weighted(margin 0.5, k_center 0.5)"),
    ]

    /// Whether the strategy reads the current model's probabilities on the pool.
    var needsProbabilities: Bool {
        switch strategy {
        case .random, .kCenter: false
        default: true
        }
    }

    /// The inputs of one round.
    /// - Parameters:
    ///   - probabilities: the current probe's probabilities for every training-pool row (when needed).
    ///   - labeled: the labeled rows of the training pool.
    ///   - clusters: the k-means cluster of every training-pool row.
    ///   - roundSeed: the seed of this round's random draw.
    func inputs(probabilities: ProbabilityMatrix?, embeddings: RowMajorMatrix, metric: VectorMetric, labeled: [Int],
                clusters: [Int], classCount: Int, batch: Int, roundSeed: UInt64) -> SelectionInputs {
        var inputs = SelectionInputs(probabilities: probabilities, embeddings: embeddings, metric: metric, labeled: labeled,
                                     seed: roundSeed)
        switch strategy {
        case .clusterBalanced:
            inputs.clusters = clusters
        case .classBalanced:
            inputs.quotas = (0..<classCount).map { batch / classCount + ($0 < batch % classCount ? 1 : 0) }
        case .weighted:
            inputs.weights = [.init(.margin, 0.5), .init(.kCenter, 0.5)]
        default:
            break
        }
        return inputs
    }
}
