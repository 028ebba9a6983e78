import GRDB
import LoupeCatalog

extension SQLiteStore {
    /// The `Store` requirement `queryRows`, in one SQLite read transaction (count and page agree).
    public func queryRows(datasetID: Int64, filter: FilterExpression?, sort: [SortKey], limit: Int, offset: Int) async throws -> RowQuery {
        try await ensureMetadataIndexes(datasetID: datasetID, filter: filter, sort: sort)
        return try await read { db in
            RowQuery(count: try Self.countRows(datasetID: datasetID, filter: filter, db),
                     rows: try Self.queryPage(datasetID: datasetID, filter: filter, sort: sort, limit: limit, offset: offset, db))
        }
    }

    /// The `Store` requirement `queryPage`.
    public func queryPage(datasetID: Int64, filter: FilterExpression?, sort: [SortKey], limit: Int, offset: Int) async throws -> [DataRow] {
        try await ensureMetadataIndexes(datasetID: datasetID, filter: filter, sort: sort)
        return try await read { db in try Self.queryPage(datasetID: datasetID, filter: filter, sort: sort, limit: limit, offset: offset, db) }
    }

    /// The `Store` requirement `countRows`.
    public func countRows(datasetID: Int64, filter: FilterExpression?) async throws -> Int {
        try await ensureMetadataIndexes(datasetID: datasetID, filter: filter)
        return try await read { db in try Self.countRows(datasetID: datasetID, filter: filter, db) }
    }

    /// The `Store` requirement `queryRowIDs`, in one SQLite read transaction.
    public func queryRowIDs(datasetID: Int64, filter: FilterExpression) async throws -> [Int64] {
        try await ensureMetadataIndexes(datasetID: datasetID, filter: filter)
        return try await read { db in
            var compiler = SQLiteFilterCompiler(db: db, datasetID: datasetID)
            let condition = try compiler.compile(filter)
            return try Int64.fetchAll(db, sql: "SELECT r.id FROM data_row r WHERE r.dataset_id = ? AND \(condition) ORDER BY r.id",
                                      arguments: StatementArguments([datasetID] + compiler.arguments))
        }
    }

    static func countRows(datasetID: Int64, filter: FilterExpression?, _ db: Database) throws -> Int {
        var compiler = SQLiteFilterCompiler(db: db, datasetID: datasetID)
        let condition = try filter.map { try compiler.compile($0) } ?? "1"
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM data_row r WHERE r.dataset_id = ? AND \(condition)",
                                arguments: StatementArguments([datasetID] + compiler.arguments)) ?? 0
    }

    static func queryPage(datasetID: Int64, filter: FilterExpression?, sort: [SortKey], limit: Int, offset: Int,
                          _ db: Database) throws -> [DataRow] {
        var compiler = SQLiteFilterCompiler(db: db, datasetID: datasetID)
        let condition = try filter.map { try compiler.compile($0) } ?? "1"
        let order = try compiler.orderBy(sort)
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.id, r.key, r.uri, r.kind, r.width, r.height, r.text, r.split, r.label_version, r.metadata
            FROM data_row r WHERE r.dataset_id = ? AND \(condition) ORDER BY \(order) LIMIT ? OFFSET ?
            """, arguments: StatementArguments([datasetID] + compiler.arguments + [max(0, limit), max(0, offset)]))
        return try dataRows(rows, datasetID: datasetID, db)
    }
}
