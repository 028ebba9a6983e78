import Foundation
import LoupeCore

/// A classification run's evaluation built from the dataset's contents, as an `EvaluationDraft`.
///
/// A row counts when it has a whole-row label (an annotation without geometry) and the run
/// predicted a class for it; labeled rows without a prediction are left out and counted in the
/// details. Probability vectors (stored by class ordinal) are padded with zeros for classes
/// added to the schema after the run.
struct ClassificationRunEvaluation {
    let contents: DatasetContents
    let rows: [DataRow]
    let options: RunEvaluationOptions

    private struct Details: Encodable {
        var rows: Int
        var rowsWithoutPrediction: Int
        var predictionsOutsideRows: Int
        var confusionMatrix: ClassificationReport.Confusion
        var reliability: [CalibrationReport.Bin]?
    }

    /// The evaluated rows (labeled, with a prediction) and their evaluation.
    struct Outcome {
        var classes: [LabelClass]
        var rowIDs: [Int64]
        var evaluation: ClassificationEvaluation
        var scores: [Double?]
        var labeledRows: Int
        var predictionsOutsideRows: Int
    }

    func evaluate() throws -> Outcome {
        let classes = contents.classes.sorted { $0.ordinal < $1.ordinal }
        guard classes.count >= 2 else { throw StoreError.invalid("a classification evaluation needs at least two classes") }
        let classIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1.id, $0) })
        let ordinalIndex = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1.ordinal, $0) })
        let evaluated = Set(rows.compactMap(\.id))
        var labels: [Int64: Int] = [:]
        for annotation in contents.annotations where evaluated.contains(annotation.rowID) {
            guard case .none = annotation.geometry, let classID = annotation.classID, let index = classIndex[classID] else { continue }
            labels[annotation.rowID] = index
        }
        var predicted: [Int64: Prediction] = [:]
        var outside = 0
        for prediction in contents.predictions {
            guard labels[prediction.rowID] != nil else { outside += 1; continue }
            predicted[prediction.rowID] = prediction
        }
        let rowIDs = rows.compactMap(\.id).filter { labels[$0] != nil && predicted[$0] != nil }
        guard !rowIDs.isEmpty else {
            throw StoreError.invalid("no labeled row has a prediction of this run (rows need a whole-row label and a predicted class)")
        }
        let k = classes.count
        var trueLabels: [Int] = [], predictedLabels: [Int] = []
        var probabilities: [Float]? = []
        for rowID in rowIDs {
            let prediction = predicted[rowID]!
            trueLabels.append(labels[rowID]!)
            guard let classID = prediction.classID, let index = classIndex[classID] else {
                throw StoreError.invalid("a prediction of this run names no class (row id \(rowID))")
            }
            predictedLabels.append(index)
            if let vector = prediction.probabilities {
                var row = [Float](repeating: 0, count: k)
                for (ordinal, value) in vector.enumerated() {
                    if let column = ordinalIndex[ordinal] { row[column] = value }
                }
                probabilities?.append(contentsOf: row)
            } else {
                probabilities = nil
            }
        }
        let evaluation: ClassificationEvaluation
        do {
            let matrix = try probabilities.map { values throws(ClassificationInputError) in
                try ProbabilityMatrix(rows: rowIDs.count, classes: k, values: values)
            }
            evaluation = try ClassificationEvaluation(classCount: k, trueLabels: trueLabels, predictedLabels: predictedLabels,
                                                      probabilities: matrix)
        } catch {
            throw StoreError.invalid("cannot evaluate: \(error.description)")
        }
        return Outcome(classes: classes, rowIDs: rowIDs, evaluation: evaluation, scores: rowIDs.map { predicted[$0]!.score },
                       labeledRows: labels.count, predictionsOutsideRows: outside)
    }

    func draft(runID: Int64, parametersJSON: String) throws -> EvaluationDraft {
        let outcome = try evaluate()
        let evaluation = outcome.evaluation, rowIDs = outcome.rowIDs
        let report = ClassificationReport(evaluation, classNames: outcome.classes.map(\.name), resamples: options.resamples, seed: options.seed)
        let correct = evaluation.correct
        let confidences = evaluation.probabilities?.confidences()
        let margins = evaluation.probabilities?.margins()
        let entropies = evaluation.probabilities?.entropies()
        let rowResults = rowIDs.enumerated().map { position, rowID in
            EvaluationRowResult(rowID: rowID, correct: correct[position],
                                confidence: confidences?[position] ?? outcome.scores[position],
                                margin: margins?[position], entropy: entropies?[position])
        }
        let details = Details(rows: rowIDs.count, rowsWithoutPrediction: outcome.labeledRows - rowIDs.count,
                              predictionsOutsideRows: outcome.predictionsOutsideRows,
                              confusionMatrix: report.confusionMatrix, reliability: report.reliability)
        return EvaluationDraft(runID: runID, key: options.key, kind: .classification, parametersJSON: parametersJSON,
                               summary: report.summary, perClass: report.perClassRecords,
                               detailsJSON: try EvaluationJSON.encode(details), rows: rowResults, objects: [],
                               confusion: rowIDs.enumerated().map { position, rowID in
                                   EvaluationConfusionEntry(rowID: rowID, actualClassID: outcome.classes[evaluation.trueLabels[position]].id,
                                                            predictedClassID: outcome.classes[evaluation.predictedLabels[position]].id,
                                                            count: 1)
                               })
    }
}
