import LoupeCore

/// Two classification runs on the same rows, compared: accuracy, macro F1 and each class's F1
/// with paired bootstrap intervals over rows, McNemar's exact test, and the flipped rows.
struct ClassificationRunComparison {
    let a: DatasetContents
    let b: DatasetContents
    let rows: [DataRow]
    let options: RunEvaluationOptions

    func compare() throws -> RunComparison {
        let outcomeA = try ClassificationRunEvaluation(contents: a, rows: rows, options: options).evaluate()
        let outcomeB = try ClassificationRunEvaluation(contents: b, rows: rows, options: options).evaluate()
        // Only rows both runs predicted; positions into each outcome's rows.
        let positionB = Dictionary(uniqueKeysWithValues: outcomeB.rowIDs.enumerated().map { ($1, $0) })
        let pairs = outcomeA.rowIDs.enumerated().compactMap { index, id in positionB[id].map { (index, $0, id) } }
        guard !pairs.isEmpty else { throw StoreError.invalid("the runs share no row that both predicted") }
        let evaluationA = outcomeA.evaluation.selecting(rows: pairs.map(\.0))
        let evaluationB = outcomeB.evaluation.selecting(rows: pairs.map(\.1))
        let correctA = evaluationA.correct, correctB = evaluationB.correct
        let k = evaluationA.classCount
        let truth = evaluationA.trueLabels, predictedA = evaluationA.predictedLabels, predictedB = evaluationB.predictedLabels

        func accuracy(_ correct: [Bool]) -> @Sendable ([Int]) -> Double? {
            { rows in rows.isEmpty ? nil : Double(rows.count { correct[$0] }) / Double(rows.count) }
        }
        func f1(_ predicted: [Int], classIndex: Int?) -> @Sendable ([Int]) -> Double? {
            { rows in
                let matrix = ConfusionMatrix(classCount: k, trueLabels: rows.map { truth[$0] }, predictedLabels: rows.map { predicted[$0] })
                guard let classIndex else { return matrix.averagedScores(.macro)?.f1 }
                return matrix.classScores[classIndex].f1
            }
        }
        func comparison(_ name: String, _ first: @escaping @Sendable ([Int]) -> Double?, _ second: @escaping @Sendable ([Int]) -> Double?,
                        support: Int) -> RunComparison.MetricComparison {
            var record = RunComparison.MetricComparison(name: name, PairedComparison.compare(
                rowCount: pairs.count, resamples: options.resamples, seed: options.seed, higherIsBetter: true, a: first, b: second))
            record.support = support
            return record
        }
        let metrics = [
            comparison("accuracy", accuracy(correctA), accuracy(correctB), support: pairs.count),
            comparison("macro_f1", f1(predictedA, classIndex: nil), f1(predictedB, classIndex: nil), support: pairs.count),
        ]
        let supportByClass = ConfusionMatrix(classCount: k, trueLabels: truth, predictedLabels: predictedA).truthCounts
        let perClass = outcomeA.classes.enumerated().map { index, labelClass in
            RunComparison.ClassComparison(className: labelClass.name, metrics: [
                comparison("f1", f1(predictedA, classIndex: index), f1(predictedB, classIndex: index), support: supportByClass[index]),
            ])
        }
        let test = McNemarTest(correctA: correctA, correctB: correctB)
        let keys = Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, $0.key) })
        var changes: [RunComparison.RowChange] = []
        for (position, pair) in pairs.enumerated() where correctA[position] != correctB[position] {
            changes.append(.init(key: keys[pair.2] ?? String(pair.2), flip: correctB[position] ? "fixed" : "broken"))
        }
        changes.sort { ($0.flip ?? "", $0.key) < ($1.flip ?? "", $1.key) }
        return RunComparison(
            kind: "classification", rows: pairs.count, resamples: options.resamples, metrics: metrics, perClass: perClass,
            mcnemar: .init(broken: test.onlyACorrect, fixed: test.onlyBCorrect, bothRight: test.bothCorrect, stillWrong: test.bothWrong,
                           pValue: test.pValue),
            changes: changes, rowsImproved: test.onlyBCorrect, rowsWorse: test.onlyACorrect,
            rowsUnchanged: test.bothCorrect + test.bothWrong)
    }
}
