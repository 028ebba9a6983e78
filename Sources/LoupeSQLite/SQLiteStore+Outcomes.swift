import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `evaluationOutcomes`, in one SQLite read transaction.
    ///
    /// Each of its two reads selects the filter's rows as a set and walks the evaluation's own
    /// rows in row order through its primary key or `(evaluation_id, row_id)` index; each object
    /// carries the class it counts for.
    public func evaluationOutcomes(evaluationID: Int64, datasetID: Int64, filter: FilterExpression?) async throws -> EvaluationOutcomes {
        try await ensureMetadataIndexes(datasetID: datasetID, filter: filter)
        return try await read { db in
            EvaluationOutcomes(rows: try Self.outcomeRows(evaluationID: evaluationID, datasetID: datasetID, filter: filter, db),
                               objects: try Self.outcomeObjects(evaluationID: evaluationID, datasetID: datasetID, filter: filter, db))
        }
    }

    /// `SELECT r.id …` for the filter's rows, with its arguments.
    private static func selection(datasetID: Int64, filter: FilterExpression?, _ db: Database) throws -> (String, [(any DatabaseValueConvertible)?]) {
        var compiler = SQLiteFilterCompiler(db: db, datasetID: datasetID)
        let condition = try filter.map { try compiler.compile($0) } ?? "1"
        return ("SELECT r.id FROM data_row r WHERE r.dataset_id = ? AND \(condition)", [datasetID] + compiler.arguments)
    }

    // Both reads go straight through SQLite's C API, outcomes as small integers: a slice reads
    // hundreds of thousands of these, and decoding a row object and a string per value would dominate.

    private static func outcomeRows(evaluationID: Int64, datasetID: Int64, filter: FilterExpression?,
                                    _ db: Database) throws -> [EvaluationRowResult] {
        let (selection, selectionArguments) = try selection(datasetID: datasetID, filter: filter, db)
        var results: [EvaluationRowResult] = []
        try ColumnReader(db, sql: """
            SELECT row_id, tp, fp, fn, iou, correct, confidence, margin, entropy FROM evaluation_row
            WHERE evaluation_id = ? AND row_id IN (\(selection)) ORDER BY row_id
            """, arguments: StatementArguments([evaluationID] + selectionArguments)).forEach { row in
            results.append(EvaluationRowResult(
                rowID: row.int64(0) ?? 0, truePositives: row.int64(1).map(Int.init), falsePositives: row.int64(2).map(Int.init),
                falseNegatives: row.int64(3).map(Int.init), meanIoU: row.double(4), correct: row.int64(5).map { $0 != 0 },
                confidence: row.double(6), margin: row.double(7), entropy: row.double(8)))
        }
        return results
    }

    private static func outcomeObjects(evaluationID: Int64, datasetID: Int64, filter: FilterExpression?,
                                       _ db: Database) throws -> [EvaluationOutcomes.Object] {
        let (selection, selectionArguments) = try selection(datasetID: datasetID, filter: filter, db)
        let codes: [EvaluationObjectResult.Outcome] = [.truePositive, .falsePositive, .falseNegative, .ignored]
        var outcomes: [EvaluationOutcomes.Object] = []
        try ColumnReader(db, sql: """
            SELECT o.row_id, o.class_id, CASE o.outcome WHEN 'tp' THEN 0 WHEN 'fp' THEN 1 WHEN 'fn' THEN 2 ELSE 3 END,
                   o.iou, o.score FROM evaluation_object o
            WHERE o.evaluation_id = ? AND o.row_id IN (\(selection)) ORDER BY o.row_id, o.id
            """, arguments: StatementArguments([evaluationID] + selectionArguments)).forEach { object in
            outcomes.append(EvaluationOutcomes.Object(rowID: object.int64(0) ?? 0, classID: object.int64(1),
                                                      outcome: codes[Int(object.int64(2) ?? 3)], iou: object.double(3),
                                                      score: object.double(4)))
        }
        return outcomes
    }
}
