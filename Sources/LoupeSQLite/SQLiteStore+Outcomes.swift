import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `evaluationOutcomes`, in one SQLite read transaction.
    ///
    /// The filter selects the rows once, as a set both reads probe, and each read walks the
    /// evaluation's own rows in row order through its primary key or `(evaluation_id, row_id)`
    /// index; each object carries the class it counts for.
    public func evaluationOutcomes(evaluationID: Int64, datasetID: Int64, filter: FilterExpression?) async throws -> EvaluationOutcomes {
        try await read { db in
            var compiler = SQLiteFilterCompiler(db: db, datasetID: datasetID)
            let condition = try filter.map { try compiler.compile($0) } ?? "1"
            let selection = "SELECT r.id FROM data_row r WHERE r.dataset_id = ? AND \(condition)"
            let selectionArguments = [datasetID] + compiler.arguments
            let rows = try Row.fetchCursor(db, sql: """
                SELECT * FROM evaluation_row WHERE evaluation_id = ? AND row_id IN (\(selection)) ORDER BY row_id
                """, arguments: StatementArguments([evaluationID] + selectionArguments))
            var results: [EvaluationRowResult] = []
            while let row = try rows.next() { results.append(Self.evaluationRowResult(row)) }

            let objects = try Row.fetchCursor(db, sql: """
                SELECT o.row_id, o.class_id, o.outcome, o.iou, o.score FROM evaluation_object o WHERE o.evaluation_id = ? AND o.row_id IN (\(selection)) ORDER BY o.row_id, o.id
                """, arguments: StatementArguments([evaluationID] + selectionArguments))
            var outcomes: [EvaluationOutcomes.Object] = []
            while let object = try objects.next() {
                let text: String = object[2]
                guard let outcome = EvaluationObjectResult.Outcome(rawValue: text) else {
                    throw StoreError.invalid("unknown object outcome \(text)")
                }
                outcomes.append(EvaluationOutcomes.Object(rowID: object[0], classID: object[1], outcome: outcome,
                                                          iou: object[3], score: object[4]))
            }
            return EvaluationOutcomes(rows: results, objects: outcomes)
        }
    }
}
