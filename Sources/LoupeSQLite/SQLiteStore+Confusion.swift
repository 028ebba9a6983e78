import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `confusionCell`, in one SQLite read transaction (the totals and
    /// the page agree): one range of the `(evaluation, actual, predicted, row)` index.
    public func confusionCell(evaluationID: Int64, actualClassID: Int64?, predictedClassID: Int64?,
                              page: PageRequest) async throws -> ConfusionCellPage {
        try await read { db in
            let arguments: StatementArguments = [evaluationID, actualClassID, predictedClassID]
            let totals = try Row.fetchOne(db, sql: """
                SELECT COALESCE(SUM(count), 0) AS objects, COUNT(*) AS rows FROM evaluation_confusion
                WHERE evaluation_id = ? AND actual_class_id IS ? AND predicted_class_id IS ?
                """, arguments: arguments)
            let found = try Row.fetchAll(db, sql: """
                SELECT c.row_id, r.key, c.count, r.kind, substr(r.text, 1, 280) AS text FROM evaluation_confusion c JOIN data_row r ON r.id = c.row_id
                WHERE c.evaluation_id = ? AND c.actual_class_id IS ? AND c.predicted_class_id IS ? AND c.row_id > ?
                ORDER BY c.row_id LIMIT ?
                """, arguments: arguments + [page.after?.lastID ?? 0, page.limit + 1])
            let rows = found.prefix(page.limit).map { row in
                ConfusionCellPage.Row(rowID: row["row_id"], key: row["key"], count: row["count"],
                                      kind: RowKind(rawValue: row["kind"]) ?? .image, text: row["text"])
            }
            let next = found.count > page.limit ? rows.last.map { PageCursor(lastID: $0.rowID) } : nil
            return ConfusionCellPage(objects: totals?["objects"] ?? 0, rowCount: totals?["rows"] ?? 0, rows: Array(rows), next: next)
        }
    }

    /// The `Store` requirement `hasConfusionCells`.
    public func hasConfusionCells(evaluationID: Int64) async throws -> Bool {
        try await read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM evaluation_confusion WHERE evaluation_id = ?)",
                              arguments: [evaluationID]) ?? false
        }
    }
}
