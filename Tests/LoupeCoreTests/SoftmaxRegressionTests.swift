import Foundation
import LoupeCore
import Testing

@Suite("Probe model: softmax regression against scikit-learn, cross-validated probabilities")
struct SoftmaxRegressionTests {
    struct Answer: Decodable {
        var coefficients: [[Double]]
        var intercepts: [Double]
        var probabilities: [[Double]]
        var accuracy: Double
        var iterations: Int
        var seconds: Double
        var objective: Double
        var features: [[Double]]?
        var labels: [Int]?
    }

    static func oracle(_ cases: [[String: Any]]) throws -> [Answer] {
        let input = try JSONSerialization.data(withJSONObject: ["cases": cases])
        let data = try PythonOracle.run(script: "softmax_regression_oracle.py", input: input, reference: "scikit-learn 1.9.1")
        return try JSONDecoder().decode([Answer].self, from: data)
    }

    @Test("digits (pixels / 16): coefficients and probabilities equal scikit-learn's LogisticRegression(C = 1/l2) to 1e-4",
          arguments: [1.0, 0.1])
    func digitsMatchScikitLearn(l2: Double) throws {
        let answer = try #require(try Self.oracle([["kind": "digits", "l2": l2, "tol": 1e-10, "scale": 16]]).first)
        let rows = try #require(answer.features), labels = try #require(answer.labels)
        let features = RowMajorMatrix(rows: rows.count, columns: 64, values: rows.flatMap { $0.map(Float.init) })
        let start = ContinuousClock.now
        let model = try SoftmaxRegression.fit(features: features, labels: labels, classCount: 10, l2: l2,
                                              options: .init(gradientTolerance: 1e-10))
        let elapsed = ContinuousClock.now - start
        #expect(model.converged)
        var worstCoefficient = 0.0
        for c in 0..<10 {
            for j in 0..<64 { worstCoefficient = max(worstCoefficient, abs(model.coefficient(class: c, feature: j) - answer.coefficients[c][j])) }
        }
        let worstIntercept = zip(model.intercepts, answer.intercepts).map { abs($0 - $1) }.max()!
        let probabilities = try model.predictProbabilities(features)
        var worstProbability = 0.0
        for i in 0..<rows.count {
            for c in 0..<10 { worstProbability = max(worstProbability, abs(probabilities[i, c] - answer.probabilities[i][c])) }
        }
        let predicted = probabilities.topClasses()
        let accuracy = Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
        #expect(worstCoefficient <= 1e-4, "largest coefficient difference \(worstCoefficient)")
        // The intercepts are the flattest direction of the objective (unpenalized): both optimizers stop on
        // SciPy's relative-decrease test (64·eps) a little apart there, 1.2e-4 at l2 = 0.1.
        #expect(worstIntercept <= 5e-4, "largest intercept difference \(worstIntercept)")
        // The same optimum: the objectives (both divided by n) agree to 1e-10 relative (measured: 2e-12).
        #expect(abs(model.objective - answer.objective) <= 1e-10 * answer.objective,
                "objective \(model.objective) against \(answer.objective)")
        #expect(worstProbability <= 1e-4, "largest probability difference \(worstProbability)")
        #expect(accuracy == answer.accuracy)
        #expect(abs(model.intercepts.reduce(0, +)) < 1e-9)
        print("digits l2=\(l2): Loupe \(model.iterations) iterations in \(elapsed) (this build); scikit-learn \(answer.iterations) "
            + "iterations in \(answer.seconds) s; objective \(model.objective) vs \(answer.objective); coefficients ±\(worstCoefficient), probabilities ±\(worstProbability), accuracy \(accuracy)")
    }

    /// Three well-separated blobs in 2-d, 30 rows each, from a seeded generator.
    static func blobs(seed: UInt64) -> (RowMajorMatrix, [Int]) {
        var generator = SplitMix64(seed: seed)
        let centers: [(Float, Float)] = [(0, 0), (3, 0), (0, 3)]
        var values: [Float] = [], labels: [Int] = []
        for i in 0..<90 {
            let c = i % 3
            values += [centers[c].0 + Float(generator.nextUnitInterval() * 2 - 1), centers[c].1 + Float(generator.nextUnitInterval() * 2 - 1)]
            labels.append(c)
        }
        return (RowMajorMatrix(rows: 90, columns: 2, values: values), labels)
    }

    @Test("cross-validated probabilities: deterministic for a seed, stratified, and each row from the model without its fold")
    func crossValidationIsDeterministic() throws {
        let (features, labels) = Self.blobs(seed: 1)
        let a = try SoftmaxRegression.crossValidatedProbabilities(features: features, labels: labels, classCount: 3, l2: 1, folds: 5, seed: 9)
        let b = try SoftmaxRegression.crossValidatedProbabilities(features: features, labels: labels, classCount: 3, l2: 1, folds: 5, seed: 9)
        let c = try SoftmaxRegression.crossValidatedProbabilities(features: features, labels: labels, classCount: 3, l2: 1, folds: 5, seed: 10)
        #expect(a == b)
        #expect(a != c)
        let folds = SoftmaxRegression.stratifiedFolds(labels: labels, classCount: 3, folds: 5, seed: 9)
        for fold in 0..<5 {
            let counts = (0..<3).map { k in labels.indices.filter { folds[$0] == fold && labels[$0] == k }.count }
            #expect(counts == [6, 6, 6], "fold \(fold): \(counts)")
        }
        // Fold 2 by hand: fit on the other folds, predict fold 2.
        let train = labels.indices.filter { folds[$0] != 2 }, test = labels.indices.filter { folds[$0] == 2 }
        func rows(_ indices: [Int]) -> RowMajorMatrix {
            RowMajorMatrix(rows: indices.count, columns: 2, values: indices.flatMap { features.row($0) })
        }
        let model = try SoftmaxRegression.fit(features: rows(train), labels: train.map { labels[$0] }, classCount: 3, l2: 1)
        let expected = try model.predictProbabilities(rows(test))
        for (position, row) in test.enumerated() {
            for k in 0..<3 { #expect(a[row, k] == expected[position, k]) }
        }
        // Well-separated blobs: out-of-fold accuracy near 1.
        let accuracy = Double(zip(a.topClasses(), labels).filter { $0 == $1 }.count) / 90
        #expect(accuracy > 0.9)
    }

    @Test("a class absent from training gets probability 0; one class gets probability 1")
    func absentClasses() throws {
        let (features, labels) = Self.blobs(seed: 2)
        let model = try SoftmaxRegression.fit(features: features, labels: labels.map { $0 == 1 ? 2 : $0 }, classCount: 4, l2: 1)
        #expect(model.trainedClasses == [true, false, true, false])
        let p = try model.predictProbabilities(features)
        #expect((0..<90).allSatisfy { p[$0, 1] == 0 && p[$0, 3] == 0 && abs(p[$0, 0] + p[$0, 2] - 1) < 1e-12 })
        let single = try SoftmaxRegression.fit(features: features, labels: Array(repeating: 1, count: 90), classCount: 3, l2: 1)
        #expect(try single.predictProbabilities(features).values.enumerated().allSatisfy { $0.element == ($0.offset % 3 == 1 ? 1 : 0) })
    }

    @Test("probe: labeled rows out-of-fold, unlabeled rows from the model on every labeled row")
    func probePredictions() throws {
        let (features, labels) = Self.blobs(seed: 3)
        let partial: [Int?] = labels.enumerated().map { $0.offset < 60 ? $0.element : nil }
        let probe = try SoftmaxRegression.probe(features: features, labels: partial, classCount: 3, l2: 1, folds: 5, seed: 4)
        let labeledRows = RowMajorMatrix(rows: 60, columns: 2, values: Array(features.values[0..<120]))
        let outOfFold = try SoftmaxRegression.crossValidatedProbabilities(features: labeledRows, labels: Array(labels[0..<60]),
                                                                          classCount: 3, l2: 1, folds: 5, seed: 4)
        let full = try probe.model.predictProbabilities(features)
        for k in 0..<3 {
            #expect((0..<60).allSatisfy { probe.probabilities[$0, k] == outOfFold[$0, k] })
            #expect((60..<90).allSatisfy { probe.probabilities[$0, k] == full[$0, k] })
        }
    }

    @Test("bad input is an error with context")
    func badInput() {
        let features = RowMajorMatrix(rows: 2, columns: 1, values: [0, 1])
        #expect(throws: ProbeModelError(row: 1, reason: "label 5 is not a class in 0..<2")) {
            try SoftmaxRegression.fit(features: features, labels: [0, 5], classCount: 2, l2: 1)
        }
        #expect(throws: ProbeModelError.self) { try SoftmaxRegression.fit(features: features, labels: [0, 1], classCount: 2, l2: 0) }
        #expect(throws: ProbeModelError.self) { try SoftmaxRegression.fit(features: features, labels: [0], classCount: 2, l2: 1) }
        #expect(throws: ProbeModelError.self) {
            try SoftmaxRegression.fit(features: RowMajorMatrix(rows: 1, columns: 1, values: [.nan]), labels: [0], classCount: 2, l2: 1)
        }
    }
}
