import LoupeCore

extension RowSelector {
    /// What a request's strategy (with a `weighted` strategy's components) reads from the store,
    /// checked against what the request gives.
    struct Needs {
        /// Probabilities from a classification run.
        var classification = false
        /// Box scores from a detection or segmentation run.
        var detection = false
        /// An uncertainty from the run, whichever its task.
        var uncertainty = false
        /// Vectors of the space.
        var space = false
        /// The labeled rows as `k_center`'s first centers.
        var labeled = false
        /// The seed rows of `similarity`.
        var seeds = false
        /// k-means clusters of the pool.
        var clusters = false
        /// Per-class quotas.
        var quotas = false

        /// Whether a run is read.
        var run: Bool { classification || detection || uncertainty }

        /// The request field whose inputs a strategy failure is about.
        let inputField: String

        /// The needs of `request`.
        /// - Throws: `RequestFieldError` for a run, space, seed keys or weights the strategy needs
        ///   and the request lacks, and for weights given to another strategy than `weighted`.
        init(_ request: SelectionRequest) throws(RequestFieldError) {
            let strategies: [SelectionStrategy]
            if request.strategy == .weighted {
                guard !request.weights.isEmpty else {
                    throw .invalid("weights", "strategy weighted needs weights: STRATEGY=WEIGHT for one or more of "
                        + SelectionStrategy.allCases.filter(\.hasRowScores).map(\.rawValue).joined(separator: ", "))
                }
                for weight in request.weights where !weight.strategy.hasRowScores {
                    throw .invalid("weights", "'\(weight.strategy.rawValue)' cannot be weighted: it has no per-row score")
                }
                strategies = request.weights.map(\.strategy)
            } else {
                guard request.weights.isEmpty else {
                    throw .invalid("weights", "weights are only read by strategy weighted, not \(request.strategy.rawValue)")
                }
                strategies = [request.strategy]
            }
            for strategy in strategies {
                switch strategy {
                case .random, .weighted: break
                case .leastConfidence, .margin, .entropy: classification = true
                case .detectionUncertainty: detection = true
                case .kCenter: space = true; labeled = true
                case .similarity: space = true; seeds = true
                case .clusterBalanced: uncertainty = true; space = true; clusters = true
                case .classBalanced: classification = true; quotas = true
                }
            }
            let name = request.strategy.rawValue
            let readsRun = classification || detection || uncertainty
            if readsRun && request.run == nil {
                let what = classification ? "a classification run whose predictions have class probabilities"
                    : detection ? "a detection run whose boxes have scores"
                    : "a run for the uncertainty (classification probabilities or detection box scores)"
                throw .invalid("run", "strategy \(name) needs a run: \(what)")
            }
            if space && request.space == nil {
                throw .invalid("space", "strategy \(name) needs an embedding space with vectors of the pool's rows")
            }
            if seeds && request.seedKeys.isEmpty {
                throw .invalid("seed_keys", "strategy \(name) needs at least one seed row key to find more rows like")
            }
            if request.strategy == .weighted { inputField = "weights" }
            else if readsRun { inputField = "run" }
            else if space { inputField = "space" }
            else { inputField = "budget" }
        }
    }
}
