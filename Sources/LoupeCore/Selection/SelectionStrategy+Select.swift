extension SelectionStrategy {
    /// Runs this strategy on `pool` with the fields of `inputs` it needs (see the table on
    /// `SelectionStrategy`), best rows first.
    /// - Throws: `SelectionInputError` naming a missing input, or any error of the strategy.
    /// - Complexity: that of the strategy (for `weighted`, the sum of its components' row scores).
    public func select(pool: [Int], budget: Int, inputs: SelectionInputs) throws(SelectionInputError) -> [SelectedRow] {
        switch self {
        case .random:
            return try Selection.random(pool: pool, budget: budget, seed: inputs.seed)
        case .leastConfidence, .margin, .entropy:
            return try Selection.uncertainty(measure!, probabilities: need(inputs.probabilities, "probabilities"), pool: pool,
                                             budget: budget, classNames: inputs.classNames)
        case .detectionUncertainty:
            return try Selection.detectionUncertainty(boxScores: need(inputs.boxScores, "box scores"), pool: pool, budget: budget,
                                                      band: inputs.band)
        case .kCenter:
            return try Selection.kCenterGreedy(embeddings: need(inputs.embeddings, "embeddings"), pool: pool, labeled: inputs.labeled,
                                               budget: budget, metric: inputs.metric)
        case .similarity:
            return try Selection.similarity(embeddings: need(inputs.embeddings, "embeddings"), pool: pool, seeds: inputs.seeds,
                                            budget: budget)
        case .clusterBalanced:
            return try Selection.clusterBalanced(clusters: need(inputs.clusters, "cluster ids"), uncertainty: uncertainty(inputs),
                                                 pool: pool, budget: budget)
        case .classBalanced:
            let groups: [Int]
            if let given = inputs.groups { groups = given } else { groups = try need(inputs.probabilities, "groups or probabilities").topClasses() }
            return try Selection.classBalanced(groups: groups, quotas: need(inputs.quotas, "quotas"), uncertainty: uncertainty(inputs),
                                               pool: pool, budget: budget, groupNames: inputs.classNames)
        case .weighted:
            guard !inputs.weights.isEmpty else { throw SelectionInputError(reason: "weighted needs at least one weighted strategy") }
            let components = try inputs.weights.map { (weight) throws(SelectionInputError) in
                Selection.WeightedComponent(name: weight.strategy.rawValue, weight: weight.weight,
                                            scores: try weight.strategy.rowScores(pool: pool, inputs: inputs))
            }
            return try Selection.weighted(components, pool: pool, budget: budget, normalization: inputs.normalization)
        }
    }

    /// One score per input row for a strategy with `hasRowScores` (larger is more worth labeling),
    /// defined on the pool rows and 0 elsewhere: the draws of `random` (in increasing pool-index
    /// order, as `Selection.random`), the uncertainty measures, the detection entropy, the distance
    /// to the nearest labeled row (`Selection.distancesToNearest`) for `k_center`, and the largest
    /// cosine to a seed for `similarity`.
    /// - Throws: `SelectionInputError` for a strategy without row scores, a missing input, or a
    ///   bad pool.
    /// - Complexity: that of the strategy's scoring, without its sort.
    public func rowScores(pool: [Int], inputs: SelectionInputs) throws(SelectionInputError) -> [Double] {
        guard let rowCount = inputs.rowCount else { throw SelectionInputError(reason: "\(rawValue) has no per-row input") }
        try Selection.check(pool: pool, rowCount: rowCount, budget: 0)
        var scores = [Double](repeating: 0, count: rowCount)
        func fill(_ values: [Double]) { for (row, value) in zip(pool, values) { scores[row] = value } }
        switch self {
        case .random:
            var generator = SplitMix64(seed: inputs.seed)
            for row in pool.sorted() { scores[row] = generator.nextUnitInterval() }
        case .leastConfidence, .margin, .entropy:
            let probabilities = try need(inputs.probabilities, "probabilities")
            fill(measure!.scores(probabilities.selecting(rows: pool)))
        case .detectionUncertainty:
            let boxes = try need(inputs.boxScores, "box scores")
            fill(try Selection.detectionEntropies(boxScores: pool.map { boxes[$0] }, band: inputs.band))
        case .kCenter:
            fill(try Selection.distancesToNearest(embeddings: need(inputs.embeddings, "embeddings"), pool: pool,
                                                  labeled: inputs.labeled, metric: inputs.metric))
        case .similarity:
            guard !inputs.seeds.isEmpty else { throw SelectionInputError(reason: "similarity needs at least one seed row") }
            fill(try Selection.maximumCosine(embeddings: need(inputs.embeddings, "embeddings"), pool: pool, seeds: inputs.seeds).0)
        case .clusterBalanced, .classBalanced, .weighted:
            throw SelectionInputError(reason: "\(rawValue) has no per-row score and cannot be a weighted component")
        }
        return scores
    }

    /// The uncertainty measure of the three classification strategies.
    var measure: UncertaintyMeasure? {
        switch self {
        case .leastConfidence: .leastConfidence
        case .margin: .margin
        case .entropy: .entropy
        default: nil
        }
    }

    /// The per-row uncertainty of the balancing strategies.
    private func uncertainty(_ inputs: SelectionInputs) throws(SelectionInputError) -> [Double] {
        if let probabilities = inputs.probabilities { return inputs.uncertaintyMeasure.scores(probabilities) }
        if let boxScores = inputs.boxScores { return try Selection.detectionEntropies(boxScores: boxScores, band: inputs.band) }
        throw SelectionInputError(reason: "\(rawValue) needs an uncertainty: probabilities or box scores")
    }

    private func need<T>(_ value: T?, _ name: String) throws(SelectionInputError) -> T {
        guard let value else { throw SelectionInputError(reason: "\(rawValue) needs \(name)") }
        return value
    }
}
