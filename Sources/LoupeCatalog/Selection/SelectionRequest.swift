import Foundation
import LoupeCore

/// What `RowSelector` is asked: a strategy, a budget, the pool (a filter over a dataset) and the
/// run, space, seed rows and weights the strategy reads. `loupe select` and
/// `POST /datasets/{dataset}/selections` build one.
public struct SelectionRequest: Hashable, Sendable {
    /// The pool when no filter is given: the rows without ground truth.
    public static let unlabeledFilterText = "label_version = 0"

    /// The dataset.
    public var dataset: String
    /// The strategy.
    public var strategy: SelectionStrategy
    /// How many rows to return (≥ 0); fewer when the pool is smaller.
    public var budget: Int
    /// The run (`NAME` or `MODEL/NAME`) whose predictions give probabilities (classification) or
    /// box scores (detection, segmentation).
    public var run: String?
    /// The embedding space of `k_center`, `similarity` and `cluster_balanced`.
    public var space: String?
    /// The pool; `nil` means the rows without ground truth (`label_version = 0`).
    public var filter: FilterExpression?
    /// The seed of `random` and of the k-means of `cluster_balanced`.
    public var seed: UInt64
    /// Row keys of the seed rows of `similarity`.
    public var seedKeys: [String]
    /// The components of `weighted`, in order.
    public var weights: [SelectionInputs.Weight]
    /// The number of k-means clusters of `cluster_balanced` (default: the budget, at most 1,000).
    public var clusters: Int?
    /// The distance of `k_center` (cosine or l2).
    public var metric: VectorMetric

    /// A request; see each property for its meaning and default.
    public init(dataset: String, strategy: SelectionStrategy, budget: Int, run: String? = nil, space: String? = nil,
                filter: FilterExpression? = nil, seed: UInt64 = 0, seedKeys: [String] = [], weights: [SelectionInputs.Weight] = [],
                clusters: Int? = nil, metric: VectorMetric = .cosine) {
        self.dataset = dataset
        self.strategy = strategy
        self.budget = budget
        self.run = run
        self.space = space
        self.filter = filter
        self.seed = seed
        self.seedKeys = seedKeys
        self.weights = weights
        self.clusters = clusters
        self.metric = metric
    }

    /// The strategy of that name.
    /// - Throws: `RequestFieldError` (field `strategy`) listing the names.
    public static func strategy(named name: String) throws(RequestFieldError) -> SelectionStrategy {
        guard let strategy = SelectionStrategy(rawValue: name) else {
            throw .invalid("strategy", "unknown strategy '\(name)': expected one of "
                + SelectionStrategy.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return strategy
    }

    /// A `weighted` component from `STRATEGY=WEIGHT` (e.g. `margin=0.7`).
    /// - Throws: `RequestFieldError` (field `weights`) for another shape, a strategy without row
    ///   scores, or a weight that is not a finite number ≥ 0.
    public static func weight(parsing text: String) throws(RequestFieldError) -> SelectionInputs.Weight {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let value = Double(parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw .invalid("weights", "'\(text)' is not STRATEGY=WEIGHT (e.g. margin=0.7)")
        }
        return try weight(String(parts[0]).trimmingCharacters(in: .whitespaces), value)
    }

    /// A `weighted` component from a strategy name and a weight.
    /// - Throws: `RequestFieldError` (field `weights`) as `weight(parsing:)`.
    public static func weight(_ name: String, _ value: Double) throws(RequestFieldError) -> SelectionInputs.Weight {
        let scored = SelectionStrategy.allCases.filter(\.hasRowScores).map(\.rawValue).joined(separator: ", ")
        guard let strategy = SelectionStrategy(rawValue: name), strategy.hasRowScores else {
            throw .invalid("weights", "'\(name)' cannot be weighted: expected one of \(scored)")
        }
        guard value.isFinite && value >= 0 else {
            throw .invalid("weights", "the weight of \(name) must be a finite number ≥ 0, not \(value)")
        }
        return SelectionInputs.Weight(strategy, value)
    }
}
