import LoupeCore

/// What to find similar rows to, and where to look.
public struct SimilarityQuery: Sendable {
    /// The rows to find more of (keys in ``dataset``); their vectors are averaged.
    public var positives: [String]
    /// Rows to steer away from: their mean vector is subtracted from the positives' mean.
    public var negatives: [String]
    /// A query vector given directly, instead of (or besides) the positives.
    public var vector: [Float]?
    /// Results wanted.
    public var k: Int
    /// How vectors are compared.
    public var metric: VectorMetric
    /// The dataset of the keys and of the filter.
    public var dataset: String
    /// Rows of ``dataset`` that may be returned (all when `nil`); ignored for other datasets.
    public var filter: FilterExpression?
    /// Search every dataset that has vectors in the space, not only ``dataset``.
    public var allDatasets: Bool

    /// A query.
    public init(positives: [String] = [], negatives: [String] = [], vector: [Float]? = nil, k: Int = 10,
                metric: VectorMetric = .cosine, dataset: String, filter: FilterExpression? = nil, allDatasets: Bool = false) {
        self.positives = positives
        self.negatives = negatives
        self.vector = vector
        self.k = k
        self.metric = metric
        self.dataset = dataset
        self.filter = filter
        self.allDatasets = allDatasets
    }
}

/// One row found: where it is and how similar it is to the query (the metric's similarity;
/// larger is nearer).
public struct SimilarityMatch: Hashable, Sendable, Codable {
    /// The row's dataset.
    public var dataset: String
    /// The row's key.
    public var key: String
    /// Similarity to the query.
    public var score: Double

    /// A match.
    public init(dataset: String, key: String, score: Double) {
        self.dataset = dataset
        self.key = key
        self.score = score
    }
}
