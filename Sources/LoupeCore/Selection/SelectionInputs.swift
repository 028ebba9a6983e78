/// Everything a named `SelectionStrategy` may need, per input row; each strategy reads only its
/// own fields (see the table on `SelectionStrategy`) and reports the ones missing.
public struct SelectionInputs: Sendable {
    /// One component of a `weighted` selection: a strategy with row scores and its weight.
    public struct Weight: Hashable, Sendable, Codable {
        /// The component strategy (one with `hasRowScores`).
        public var strategy: SelectionStrategy
        /// Its weight, finite and ≥ 0.
        public var weight: Double

        /// A weighted component.
        public init(_ strategy: SelectionStrategy, _ weight: Double) {
            self.strategy = strategy
            self.weight = weight
        }
    }

    /// Predicted class probabilities, one row per input row.
    public var probabilities: ProbabilityMatrix?
    /// Class names for reasons.
    public var classNames: [String]?
    /// Per row, the confidence scores of its predicted boxes.
    public var boxScores: [[Double]]?
    /// The uncertain band of box scores (default 0.2–0.8).
    public var band: Selection.UncertaintyBand
    /// Embeddings, one row per input row.
    public var embeddings: RowMajorMatrix?
    /// The embedding metric (default cosine; `k_center` also takes l2).
    public var metric: VectorMetric
    /// Rows already labeled (the starting centers of `k_center`).
    public var labeled: [Int]
    /// Seed rows for `similarity`.
    public var seeds: [Int]
    /// A cluster id per row for `cluster_balanced`.
    public var clusters: [Int]?
    /// A group id per row for `class_balanced` (default: the predicted classes).
    public var groups: [Int]?
    /// New labels wanted per group for `class_balanced`.
    public var quotas: [Int]?
    /// The classification uncertainty of the balancing strategies (default margin).
    public var uncertaintyMeasure: UncertaintyMeasure
    /// The components of `weighted`.
    public var weights: [Weight]
    /// The normalization of `weighted` (default rank).
    public var normalization: ScoreNormalization
    /// The seed of `random`.
    public var seed: UInt64

    /// Inputs with the documented defaults and nothing else.
    public init(probabilities: ProbabilityMatrix? = nil, classNames: [String]? = nil, boxScores: [[Double]]? = nil,
                band: Selection.UncertaintyBand = Selection.UncertaintyBand(), embeddings: RowMajorMatrix? = nil,
                metric: VectorMetric = .cosine, labeled: [Int] = [], seeds: [Int] = [], clusters: [Int]? = nil,
                groups: [Int]? = nil, quotas: [Int]? = nil, uncertaintyMeasure: UncertaintyMeasure = .margin,
                weights: [Weight] = [], normalization: ScoreNormalization = .rank, seed: UInt64 = 0) {
        self.probabilities = probabilities
        self.classNames = classNames
        self.boxScores = boxScores
        self.band = band
        self.embeddings = embeddings
        self.metric = metric
        self.labeled = labeled
        self.seeds = seeds
        self.clusters = clusters
        self.groups = groups
        self.quotas = quotas
        self.uncertaintyMeasure = uncertaintyMeasure
        self.weights = weights
        self.normalization = normalization
        self.seed = seed
    }

    /// The number of input rows: that of the first per-row input present (probabilities, box
    /// scores, embeddings, clusters, groups), `nil` when there is none.
    public var rowCount: Int? {
        probabilities?.rows ?? boxScores?.count ?? embeddings?.rows ?? clusters?.count ?? groups?.count
    }
}
