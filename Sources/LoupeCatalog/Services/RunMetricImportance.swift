import Foundation
import LoupeCore

/// Which row properties predict a run's per-row metric: every metadata field (numbers and dates
/// as numbers, text and booleans as categories), the split, the image size and the number of
/// ground-truth objects, ranked by `MetricImportance`'s strength.
public enum RunMetricImportance {
    /// A per-row metric of a stored evaluation.
    public enum Metric: String, Sendable, CaseIterable {
        /// Detection: false positives plus missed objects.
        case errors
        case tp, fp, fn, iou, correct, confidence, entropy, margin

        /// The metric ranked when none is named: `correct` for a classification evaluation,
        /// `errors` for a detection one.
        public static func `default`(for kind: EvaluationKind) -> Metric {
            kind == .classification ? .correct : .errors
        }

        func value(_ row: EvaluationRowResult) -> Double? {
            switch self {
            case .errors: row.falsePositives.flatMap { fp in row.falseNegatives.map { Double(fp + $0) } }
            case .tp: row.truePositives.map(Double.init)
            case .fp: row.falsePositives.map(Double.init)
            case .fn: row.falseNegatives.map(Double.init)
            case .iou: row.meanIoU
            case .correct: row.correct.map { $0 ? 1 : 0 }
            case .confidence: row.confidence
            case .entropy: row.entropy
            case .margin: row.margin
            }
        }
    }

    /// The fields ranked by how strongly they predict `metric` of `evaluation` on `dataset`'s rows.
    /// - Throws: `StoreError` when the dataset is missing or the evaluation has no value of the metric.
    public static func rank(store: some Store, dataset: String, evaluation: Evaluation, metric: Metric,
                     parameters: MetricImportance.Parameters = .init()) async throws -> [MetricImportance.FieldImportance] {
        let table = try await rowTable(store: store, dataset: dataset, evaluation: evaluation, metric: metric)
        return MetricImportance.rank(metric: table.values, fields: table.fields, parameters: parameters)
    }

    /// The evaluated rows of `dataset`, in row order, with `metric`'s value per row and the row
    /// properties as fields: `split`, `width`, `height`, `gt.count` and every metadata field
    /// (numbers and dates as numbers, text and booleans as categories), named as the filter
    /// language names them. What metric importance ranks and slice discovery cuts.
    /// - Throws: `StoreError` when the dataset is missing or the evaluation has no value of the metric.
    public static func rowTable(store: some Store, dataset: String, evaluation: Evaluation, metric: Metric) async throws
        -> (rows: [DataRow], values: [Double?], fields: [MetricImportance.Field]) {
        let contents = try await DatasetReader(store: store).contents(ofDataset: dataset)
        var results: [Int64: EvaluationRowResult] = [:]
        for row in try await Page.all({ try await store.evaluationRows(evaluationID: evaluation.id, page: $0) }) { results[row.rowID] = row }
        let rows = contents.rows.filter { results[$0.id!] != nil }
        let values = rows.map { results[$0.id!].flatMap(metric.value) }
        guard values.contains(where: { $0 != nil }) else {
            throw StoreError.invalid("evaluation '\(evaluation.key)' has no per-row \(metric.rawValue) (a \(evaluation.kind.rawValue) evaluation)")
        }
        var objectCounts: [Int64: Int] = [:]
        for annotation in contents.annotations { objectCounts[annotation.rowID, default: 0] += 1 }
        var fields: [MetricImportance.Field] = [
            .init(name: "split", values: .categorical(rows.map(\.split))),
            .init(name: "width", values: .numeric(rows.map { $0.width.map(Double.init) })),
            .init(name: "height", values: .numeric(rows.map { $0.height.map(Double.init) })),
            .init(name: "gt.count", values: .numeric(rows.map { Double(objectCounts[$0.id!] ?? 0) })),
        ]
        let names = Set(rows.flatMap(\.metadata.keys)).sorted()
        for name in names {
            let column = rows.map { $0.metadata[name] }
            let numeric = column.allSatisfy { value in
                switch value {
                case .number?, .date?, nil: true
                default: false
                }
            }
            if numeric {
                fields.append(.init(name: "meta.\(name)", values: .numeric(column.map { value in
                    switch value {
                    case .number(let number)?: number
                    case .date(let date)?: date.timeIntervalSince1970
                    default: nil
                    }
                })))
            } else {
                fields.append(.init(name: "meta.\(name)", values: .categorical(column.map { $0?.displayText })))
            }
        }
        return (rows, values, fields)
    }
}
