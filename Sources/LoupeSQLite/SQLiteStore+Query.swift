import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `queryRows`, in one SQLite read transaction (count and page agree).
    public func queryRows(datasetID: Int64, filter: FilterExpression?, sort: [SortKey], limit: Int, offset: Int) async throws -> RowQuery {
        try await read { db in
            var compiler = SQLiteFilterCompiler(db: db, datasetID: datasetID)
            let condition = try filter.map { try compiler.compile($0) } ?? "1"
            let filterArguments = compiler.arguments
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM data_row r WHERE r.dataset_id = ? AND \(condition)",
                                         arguments: StatementArguments([datasetID] + filterArguments)) ?? 0
            let order = try compiler.orderBy(sort)
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.id, r.key, r.uri, r.kind, r.width, r.height, r.text, r.split, r.label_version, r.metadata
                FROM data_row r WHERE r.dataset_id = ? AND \(condition) ORDER BY \(order) LIMIT ? OFFSET ?
                """, arguments: StatementArguments([datasetID] + compiler.arguments + [max(0, limit), max(0, offset)]))
            return RowQuery(count: count, rows: try Self.dataRows(rows, datasetID: datasetID, db))
        }
    }

    /// The `Store` requirement `queryRowIDs`, in one SQLite read transaction.
    public func queryRowIDs(datasetID: Int64, filter: FilterExpression) async throws -> [Int64] {
        try await read { db in
            var compiler = SQLiteFilterCompiler(db: db, datasetID: datasetID)
            let condition = try compiler.compile(filter)
            return try Int64.fetchAll(db, sql: "SELECT r.id FROM data_row r WHERE r.dataset_id = ? AND \(condition) ORDER BY r.id",
                                      arguments: StatementArguments([datasetID] + compiler.arguments))
        }
    }
}
