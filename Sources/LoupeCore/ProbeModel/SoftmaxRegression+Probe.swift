extension SoftmaxRegression {
    /// A probe model's predictions for every row: the probabilities a model run records when a
    /// probe is trained on an embedding space with the current labels.
    public struct ProbePredictions: Hashable, Sendable {
        /// The model fitted on every labeled row (what predicts the unlabeled rows).
        public var model: SoftmaxRegression
        /// Probabilities for every row: out-of-fold for labeled rows, from `model` for the rest.
        public var probabilities: ProbabilityMatrix
    }

    /// Fits a probe on the rows with a label and predicts every row: labeled rows by
    /// `crossValidatedProbabilities` (so their uncertainty is not the training fit's optimism),
    /// unlabeled rows by the model fitted on all labeled rows.
    /// - Parameter labels: one optional class per row of `features` (`nil`: unlabeled).
    /// - Throws: `ProbeModelError` for fewer than 2 labeled rows, or any error of `fit`.
    /// - Complexity: `folds + 1` fits on the labeled rows, one prediction over all rows.
    public static func probe(features: RowMajorMatrix, labels: [Int?], classCount: Int, l2: Double, folds: Int = 5,
                             seed: UInt64 = 0, options: Options = Options()) throws(ProbeModelError) -> ProbePredictions {
        guard labels.count == features.rows else {
            throw ProbeModelError(reason: "\(labels.count) labels for \(features.rows) feature rows")
        }
        let labeled = labels.indices.filter { labels[$0] != nil }
        let d = features.columns
        let training = features.gathering(labeled, columns: d)
        let trainingLabels = labeled.map { labels[$0]! }
        let model = try fit(features: training, labels: trainingLabels, classCount: classCount, l2: l2, options: options)
        let outOfFold = try crossValidatedProbabilities(features: training, labels: trainingLabels, classCount: classCount, l2: l2,
                                                        folds: folds, seed: seed, options: options)
        let all = try model.predictProbabilities(features)
        var values = all.values
        for (position, row) in labeled.enumerated() {
            for c in 0..<classCount { values[row * classCount + c] = outOfFold[position, c] }
        }
        return ProbePredictions(model: model, probabilities: ProbabilityMatrix(probabilities: values, rows: features.rows,
                                                                               classes: classCount))
    }
}
