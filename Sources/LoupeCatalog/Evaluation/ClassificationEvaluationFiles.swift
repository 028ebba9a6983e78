import Foundation
import LoupeCore

/// Labels and a model's classification predictions read from files (JSONL or CSV, the formats
/// `loupe import` reads), aligned row by row for `ClassificationEvaluation`.
public struct ClassificationEvaluationFiles: Sendable {
    /// The classes: the ground truth's (its declared order, else first appearance), then any
    /// class only the predictions name.
    public var classNames: [String]
    /// The evaluated row keys, in ground-truth order.
    public var keys: [String]
    /// The true class index per row.
    public var trueLabels: [Int]
    /// The predicted class index per row.
    public var predictedLabels: [Int]
    /// `keys.count × classNames.count` probabilities, row-major, when every prediction has them.
    public var probabilities: [Float]?

    /// Reads and aligns both files. A `.csv` or `.tsv` extension selects CSV, anything else JSONL.
    /// - Throws: `ImportError` naming the file for malformed lines, a labeled row without a
    ///   prediction, or a prediction for a row the ground truth does not label.
    public static func load(groundTruth: URL, predictions: URL) throws(ImportError) -> ClassificationEvaluationFiles {
        let truth = try batch(groundTruth, predictions: false)
        let predicted = try batch(predictions, predictions: true)
        var classNames = truth.classes.map(\.name)
        var classIndex = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, $0) })
        func index(_ name: String) -> Int {
            if let known = classIndex[name] { return known }
            classNames.append(name)
            classIndex[name] = classNames.count - 1
            return classNames.count - 1
        }
        var keys: [String] = []
        var trueLabels: [Int] = []
        var rowByKey: [String: Int] = [:]
        for annotation in truth.annotations {
            guard let name = annotation.className else { continue }
            guard rowByKey[annotation.rowKey] == nil else {
                throw ImportError(file: groundTruth.path, message: "row '\(annotation.rowKey)' has more than one label")
            }
            rowByKey[annotation.rowKey] = keys.count
            keys.append(annotation.rowKey)
            trueLabels.append(index(name))
        }
        for name in predicted.probabilityClasses ?? [] { _ = index(name) }
        var predictedLabels = [Int?](repeating: nil, count: keys.count)
        var vectors = [[Float]?](repeating: nil, count: keys.count)
        for prediction in predicted.predictions {
            guard let row = rowByKey[prediction.rowKey] else {
                throw ImportError(file: predictions.path, message: "row '\(prediction.rowKey)' has a prediction but no label in \(groundTruth.lastPathComponent)")
            }
            guard predictedLabels[row] == nil else {
                throw ImportError(file: predictions.path, message: "row '\(prediction.rowKey)' has more than one prediction")
            }
            guard let name = prediction.className else {
                throw ImportError(file: predictions.path, message: "the prediction for row '\(prediction.rowKey)' names no class")
            }
            predictedLabels[row] = index(name)
            vectors[row] = prediction.probabilities
        }
        let missing = predictedLabels.indices.filter { predictedLabels[$0] == nil }
        if let first = missing.first {
            throw ImportError(file: predictions.path, message: "\(missing.count) labeled row\(missing.count == 1 ? " has" : "s have") no prediction (first: '\(keys[first])')")
        }
        var probabilities: [Float]?
        if let order = predicted.probabilityClasses, vectors.allSatisfy({ $0 != nil }) {
            let columns = order.map { classIndex[$0]! }
            var values = [Float](repeating: 0, count: keys.count * classNames.count)
            for (row, vector) in vectors.enumerated() {
                for (position, column) in columns.enumerated() { values[row * classNames.count + column] = vector![position] }
            }
            probabilities = values
        }
        return ClassificationEvaluationFiles(classNames: classNames, keys: keys, trueLabels: trueLabels,
                                             predictedLabels: predictedLabels.map { $0! }, probabilities: probabilities)
    }

    private static func batch(_ url: URL, predictions: Bool) throws(ImportError) -> ImportBatch {
        let ext = url.pathExtension.lowercased()
        if ext == "csv" || ext == "tsv" {
            return try CSVImporter(mode: predictions ? .predictions : .groundTruth, delimiter: ext == "tsv" ? "\t" : ",").read(contentsOf: url)
        }
        return try JSONLImporter(mode: predictions ? .predictions : .groundTruth).read(contentsOf: url)
    }

    /// The evaluation of these rows.
    /// - Throws: `ImportError` when there are fewer than two classes or probabilities are unusable.
    public func evaluation(file: String) throws(ImportError) -> ClassificationEvaluation {
        do {
            let matrix = try probabilities.map { values throws(ClassificationInputError) in
                try ProbabilityMatrix(rows: keys.count, classes: classNames.count, values: values)
            }
            return try ClassificationEvaluation(classCount: classNames.count, trueLabels: trueLabels,
                                                predictedLabels: predictedLabels, probabilities: matrix)
        } catch {
            let row = error.row.map { " (row '\(keys[$0])')" } ?? ""
            throw ImportError(file: file, message: error.reason + row)
        }
    }
}
