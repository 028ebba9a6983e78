import Foundation
import LoupeCore

/// The pool-based active-learning loop on one dataset: start from `initial` rows drawn uniformly
/// (not stratified) from the training pool by the seed, fit the probe, score it on the test split,
/// let a strategy pick the next `batch` rows of the unlabeled pool, and repeat until `budget`
/// labels. Every strategy of a seed starts from the same rows.
struct ActiveLearningLoop {
    var train: RowMajorMatrix
    var trainLabels: [Int]
    var test: RowMajorMatrix
    var testLabels: [Int]
    var classCount: Int
    var l2: Double
    var metric: VectorMetric
    var initial: Int
    var batch: Int
    var budget: Int
    var clusterCount: Int
    var options: SoftmaxRegression.Options

    /// The training-pool rows at `indices`, in that order.
    func rows(_ indices: [Int]) -> RowMajorMatrix {
        var values: [Float] = []
        values.reserveCapacity(indices.count * train.columns)
        for row in indices { values.append(contentsOf: train.row(row)) }
        return RowMajorMatrix(rows: indices.count, columns: train.columns, values: values)
    }

    /// Test accuracy and macro-F1 (scikit-learn's `f1_score(average="macro")`) of a fitted probe.
    func scores(_ model: SoftmaxRegression) throws -> BenchmarkReport.Scores {
        let predicted = try model.predictClasses(test)
        let confusion = ConfusionMatrix(classCount: classCount, trueLabels: testLabels, predictedLabels: predicted)
        return .init(accuracy: Double(confusion.correct) / Double(confusion.total),
                     macroF1: confusion.averagedScores(.macro)?.f1 ?? 0)
    }

    /// The probe trained on every row of the training pool.
    func fullData() throws -> BenchmarkReport.FullData {
        let started = Date()
        let model = try SoftmaxRegression.fit(features: train, labels: trainLabels, classCount: classCount, l2: l2, options: options)
        return .init(scores: try scores(model), objective: model.objective, iterations: model.iterations, converged: model.converged,
                     seconds: Date().timeIntervalSince(started))
    }

    /// The k-means clusters of the training pool for `cluster_balanced` (`clusterCount` clusters,
    /// k-means++ seeded by `seed`, one start).
    func clusters(seed: UInt64) -> [Int] {
        KMeans(clusterCount: clusterCount, seed: seed).fit(train).labels.map(Int.init)
    }

    /// The learning curve of `strategy` from the seed's initial rows.
    func run(_ strategy: BenchmarkStrategy, seed: UInt64, clusters: [Int]) throws -> BenchmarkReport.Curve {
        let started = Date()
        var generator = SplitMix64(seed: seed)
        let everyRow = Array(0..<train.rows)
        var labeled = try Selection.random(pool: everyRow, budget: initial, seed: generator.next()).map(\.index)
        var isLabeled = [Bool](repeating: false, count: train.rows)
        for row in labeled { isLabeled[row] = true }
        var curve = BenchmarkReport.Curve(strategy: strategy.name, seed: seed, labels: [], accuracy: [], macroF1: [],
                                          unconverged: 0, seconds: 0)
        while true {
            let model = try SoftmaxRegression.fit(features: rows(labeled),
                                                  labels: labeled.map { trainLabels[$0] }, classCount: classCount, l2: l2,
                                                  options: options)
            if !model.converged { curve.unconverged += 1 }
            let scored = try scores(model)
            curve.labels.append(labeled.count)
            curve.accuracy.append(scored.accuracy)
            curve.macroF1.append(scored.macroF1)
            let roundSeed = generator.next()
            guard labeled.count < budget else { break }
            let pool = everyRow.filter { !isLabeled[$0] }
            let size = min(batch, budget - labeled.count, pool.count)
            guard size > 0 else { break }
            let probabilities = strategy.needsProbabilities ? try model.predictProbabilities(train) : nil
            let inputs = strategy.inputs(probabilities: probabilities, embeddings: train, metric: metric, labeled: labeled,
                                         clusters: clusters, classCount: classCount, batch: size, roundSeed: roundSeed)
            let chosen = try strategy.strategy.select(pool: pool, budget: size, inputs: inputs)
            for row in chosen.map(\.index) where !isLabeled[row] {
                isLabeled[row] = true
                labeled.append(row)
            }
        }
        curve.seconds = Date().timeIntervalSince(started)
        return curve
    }
}
