extension SoftmaxRegression {
    /// Out-of-fold probabilities for labeled rows: row `i`'s probabilities come from a model fitted
    /// without `i`'s fold, so they are honest uncertainty for rows the probe was trained on
    /// (scikit-learn's `cross_val_predict(..., method="predict_proba")`).
    ///
    /// **Folds** (stratified, seeded): the rows of each class, in increasing index order, are
    /// shuffled by a Fisher–Yates shuffle drawing `SplitMix64(seed:).nextIndex(below:)` (one
    /// generator, classes in increasing order), then dealt to folds `0, 1, …, folds − 1, 0, …`
    /// continuing from class to class, so each fold holds every class in proportion (sizes differ
    /// by at most one per class). Fold models are fitted concurrently (`ConcurrentMap`); a class missing from a
    /// fold's training rows gets probability 0 in that fold (see the type). Equal inputs and seed
    /// give identical output.
    /// - Parameters:
    ///   - folds: the number of folds, `2…n` (capped at `n` rows).
    ///   - seed: the shuffle seed.
    /// - Returns: an `n × classCount` matrix in row order.
    /// - Throws: `ProbeModelError` for fewer than 2 rows or folds, or any error of `fit`.
    /// - Complexity: `folds` fits on `(folds − 1)/folds` of the rows, spread over the processors.
    public static func crossValidatedProbabilities(features: RowMajorMatrix, labels: [Int], classCount: Int, l2: Double,
                                                   folds: Int = 5, seed: UInt64 = 0,
                                                   options: Options = Options()) throws(ProbeModelError) -> ProbabilityMatrix {
        try validate(features: features, labels: labels, classCount: classCount, l2: l2)
        let n = labels.count
        guard n >= 2 else { throw ProbeModelError(reason: "cross-validation needs at least 2 labeled rows, got \(n)") }
        guard folds >= 2 else { throw ProbeModelError(reason: "cross-validation needs at least 2 folds, got \(folds)") }
        let assignment = stratifiedFolds(labels: labels, classCount: classCount, folds: min(folds, n), seed: seed)
        let d = features.columns, foldCount = min(folds, n)
        // Fold fits are independent and deterministic: run them concurrently, collect in fold order.
        let fits = ConcurrentMap.map(count: foldCount) { fold -> Result<(test: [Int], probabilities: ProbabilityMatrix), ProbeModelError> in
            let test = (0..<n).filter { assignment[$0] == fold }
            let train = (0..<n).filter { assignment[$0] != fold }
            return Result { () throws(ProbeModelError) in
                let model = try fit(features: features.gathering(train, columns: d), labels: train.map { labels[$0] },
                                    classCount: classCount, l2: l2, options: options)
                return (test, try model.predictProbabilities(features.gathering(test, columns: d)))
            }
        }
        var values = [Double](repeating: 0, count: n * classCount)
        for result in fits {
            let (test, probabilities) = try result.get()
            for (position, row) in test.enumerated() {
                for c in 0..<classCount { values[row * classCount + c] = probabilities[position, c] }
            }
        }
        return ProbabilityMatrix(probabilities: values, rows: n, classes: classCount)
    }

    /// The fold of each row (see `crossValidatedProbabilities`).
    /// - Complexity: O(n).
    public static func stratifiedFolds(labels: [Int], classCount: Int, folds: Int, seed: UInt64) -> [Int] {
        var generator = SplitMix64(seed: seed)
        var members = [[Int]](repeating: [], count: classCount)
        for (row, label) in labels.enumerated() { members[label].append(row) }
        var assignment = [Int](repeating: 0, count: labels.count)
        var next = 0
        for var rows in members {
            var i = rows.count - 1
            while i > 0 {
                rows.swapAt(i, generator.nextIndex(below: i + 1))
                i -= 1
            }
            for row in rows {
                assignment[row] = next
                next = (next + 1) % folds
            }
        }
        return assignment
    }
}
